"""The caching machinery in newsroom/ serves the apps and knows none of them."""

import ast
from pathlib import Path

import pytest

NEWSROOM = Path(__file__).resolve().parents[2] / "newsroom"
APPS = ("articles", "faq")


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize(
    "module", ["dependencies.py", "cache.py", "cdn.py", "checks.py", "publisher.py", "context_processors.py"]
)
def test_site_wide_caching_modules_import_no_app(module):
    imported = list(imported_modules(NEWSROOM / module))
    assert imported, "the module was read"
    assert [name for name in imported if name.split(".")[0] in APPS] == []
