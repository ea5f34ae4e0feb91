"""One language setting: LANGUAGE_CODE gives every place the site states its language."""

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree
from lxml import html as lxml_html

from tests.factories import make_article
from tests.helpers import jsonld_graph

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "tag", "news"), [("en-gb", "en-GB", "en"), ("fr-ca", "fr-CA", "fr"), ("de", "de", "de")]
)
def test_the_page_the_json_ld_and_the_news_sitemap_speak_the_configured_language(
    client, settings, code, tag, news
):
    settings.LANGUAGE_CODE = code
    story = make_article("Bridge opens")
    with translation.override(code):
        page = client.get(story.get_absolute_url()).content.decode()
        sitemap = client.get(reverse("sitemap-news")).content
    assert lxml_html.document_fromstring(page).get("lang") == tag
    languages = {node["inLanguage"] for node in jsonld_graph(page) if "inLanguage" in node}
    assert languages == {tag}
    ns = {"news": "http://www.google.com/schemas/sitemap-news/0.9"}
    assert etree.fromstring(sitemap).xpath("//news:language/text()", namespaces=ns) == [news]
