"""The dependency rule of the house, read from the imports of every module.

``newsroom/`` serves the apps and knows none of them, except in the project
wiring (settings, URLs, the sitemap index); ``faq`` knows nothing of
``articles``; the apps may use anything in ``newsroom``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("articles", "faq")
WIRING = {"newsroom/settings.py", "newsroom/urls.py", "newsroom/sitemaps.py"}


def modules(folder):
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts)


def imported_modules(path):
    """Every module ``path`` imports, at the top or inside a function, as absolute names."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield ".".join([*base, node.module] if node.module else base)
            else:
                yield node.module


def app_imports(path, apps):
    return sorted({name for name in imported_modules(path) if name.split(".")[0] in apps})


SITE_WIDE = [p for p in modules("newsroom") if str(p.relative_to(ROOT)) not in WIRING]


@pytest.mark.parametrize("path", SITE_WIDE, ids=lambda p: str(p.relative_to(ROOT)))
def test_site_wide_modules_import_no_app(path):
    assert app_imports(path, APPS) == []


@pytest.mark.parametrize("path", modules("faq"), ids=lambda p: str(p.relative_to(ROOT)))
def test_faq_imports_nothing_of_articles(path):
    assert app_imports(path, ("articles",)) == []


def test_the_rule_is_read_from_real_imports():
    # The reader above must see what a module imports, or every test passes.
    assert app_imports(ROOT / "newsroom/urls.py", APPS) == ["articles"]
    assert "newsroom.jsonld" in set(imported_modules(ROOT / "articles/jsonld.py"))
    assert "articles.models" in set(imported_modules(ROOT / "articles/views.py"))
