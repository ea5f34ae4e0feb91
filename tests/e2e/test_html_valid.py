"""The Nu HTML Checker (vnu-jar, run with Java) finds no error in the reader pages."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from faq.models import FAQPage
from tests.e2e.conftest import missing
from tests.site_pages import reader_pages

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def vnu():
    java = shutil.which("java")
    if java is None:
        missing("the HTML checker needs Java: apt-get install -y default-jre-headless")
    if not VNU.exists():
        missing("the HTML checker needs vnu-jar: cd tests/e2e && npm ci")
    return [java, "-jar", str(VNU)]


def pages(article):
    return {
        **reader_pages(article, FAQPage.objects.get(slug="about")),
        "search-empty": reverse("articles:search"),
        "not-found": "/no-such-page/",
    }


def test_reader_pages_have_no_html_errors(client, site, vnu, tmp_path):
    files = []
    for name, path in pages(site).items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), name
        saved = tmp_path / f"{name}.html"
        saved.write_bytes(response.content)
        files.append(str(saved))
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=120
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
