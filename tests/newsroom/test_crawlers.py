"""What crawlers read: robots.txt, sitemaps (valid sitemaps.org XML), the news sitemap."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from articles.models import Article
from tests.factories import make_article, make_author, make_faq_page, make_section
from tests.site_pages import SITEMAP_SECTIONS

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "schemas"
W3C_DATETIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def core_only(document):
    """The document without extension elements, for the sitemaps.org schema alone."""
    copy = etree.fromstring(etree.tostring(document))
    for element in copy.xpath("//*[namespace-uri() != $ns]", ns=NS["sm"]):
        element.getparent().remove(element)
    return copy


def assert_valid(document, schema_name):
    if not (SCHEMAS / schema_name).exists():
        message = f"sitemaps.org schema {schema_name} not found beside the project ({SCHEMAS})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / schema_name)))
    schema.assertValid(core_only(document))


@pytest.fixture
def newsroom():
    section, author = make_section("City"), make_author("Ada Lane")
    with_image = make_article(
        "Bridge opens", section=section, authors=[author], tags=["Bridges"], hero=True, hero_alt="The bridge"
    )
    make_article(
        "Draft story", section=section, authors=[author], tags=["Secret"], status=Article.Status.DRAFT
    )
    make_article("Embargoed story", tags=["Embargo"], published_at=timezone.now() + timedelta(days=1))
    make_faq_page("About us", slug="about")
    return with_image


def all_sitemap_locations(client):
    index = xml(client, reverse("sitemap-index"))
    locations = []
    for location in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS):
        path = location.removeprefix("http://127.0.0.1:8000")
        locations += xml(client, path).xpath("//sm:url/sm:loc/text()", namespaces=NS)
    return index, locations


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, settings):
    text = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.SITE_URL}{reverse('sitemap-index')}" in text
    assert f"Disallow: {reverse('admin:index')}" in text
    assert f"Disallow: {reverse('articles:search')}" in text


def test_sitemap_index_is_valid_and_lists_every_sitemap_and_the_news_sitemap(client, newsroom, settings):
    index = xml(client, reverse("sitemap-index"))
    assert_valid(index, "siteindex.xsd")
    locations = index.xpath("//sm:loc/text()", namespaces=NS)
    for name in SITEMAP_SECTIONS:
        assert f"{settings.SITE_URL}/sitemap-{name}.xml" in locations
    assert f"{settings.SITE_URL}/sitemap-news.xml" in locations


@pytest.mark.parametrize("name", SITEMAP_SECTIONS)
def test_each_sitemap_is_valid_with_absolute_short_locations(client, newsroom, name, settings):
    document = xml(client, reverse("sitemap-section", kwargs={"section": name}))
    assert_valid(document, "sitemap.xsd")
    for location in document.xpath("//sm:loc/text()", namespaces=NS):
        assert location.startswith(settings.SITE_URL + "/")
        assert len(location) <= 2048
    for lastmod in document.xpath("//sm:lastmod/text()", namespaces=NS):
        assert re.match(W3C_DATETIME, lastmod), lastmod


def test_article_sitemap_lists_public_articles_with_lastmod_and_images(client, newsroom, settings):
    document = xml(client, reverse("sitemap-section", kwargs={"section": "articles"}))
    (url,) = document.xpath("//sm:url", namespaces=NS)
    assert url.findtext("sm:loc", namespaces=NS) == settings.SITE_URL + newsroom.get_absolute_url()
    assert url.findtext("sm:lastmod", namespaces=NS) == newsroom.modified_at.isoformat()
    image = url.findtext("image:image/image:loc", namespaces=NS)
    assert image == settings.SITE_URL + newsroom.hero_image.url


def test_drafts_scheduled_and_their_tags_appear_in_no_sitemap(client, newsroom):
    _, locations = all_sitemap_locations(client)
    joined = " ".join(locations)
    assert "draft-story" not in joined
    assert "embargoed" not in joined
    assert "/tag/secret/" not in joined
    assert "/tag/embargo/" not in joined
    assert "/tag/bridges/" in joined


def test_large_archives_are_split_into_pages(client, newsroom, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    make_article("Second story")
    index = xml(client, reverse("sitemap-index"))
    locations = index.xpath("//sm:loc/text()", namespaces=NS)
    assert any(location.endswith("sitemap-articles.xml?p=2") for location in locations)
    second = xml(client, reverse("sitemap-section", kwargs={"section": "articles"}) + "?p=2")
    assert len(second.xpath("//sm:url", namespaces=NS)) == 1


def test_every_sitemap_keeps_to_its_page_size_and_lists_each_page_in_the_index(client, newsroom, settings):
    settings.NEWSROOM_SITEMAP_PAGE_SIZE = 1
    make_article("Second story", tags=["Ferries"], authors=[make_author("Ben Ode")])
    index = xml(client, reverse("sitemap-index")).xpath("//sm:loc/text()", namespaces=NS)
    for name, pages in (("articles", 2), ("tags", 2), ("authors", 2)):
        listed = [location for location in index if f"/sitemap-{name}.xml" in location]
        assert len(listed) == pages, name
        seen = set()
        for location in listed:
            document = xml(client, location.removeprefix(settings.SITE_URL))
            (url,) = document.xpath("//sm:url/sm:loc/text()", namespaces=NS)
            seen.add(url)
        assert len(seen) == pages, name
        past = reverse("sitemap-section", kwargs={"section": name}) + f"?p={pages + 1}"
        assert client.get(past).status_code == 404


def test_news_sitemap_has_only_the_last_48_hours_with_required_children(client, settings):
    recent = make_article("Fresh story", published_at=timezone.now() - timedelta(hours=2))
    make_article("Old story", published_at=timezone.now() - timedelta(hours=49))
    make_article("Future story", published_at=timezone.now() + timedelta(hours=1))
    document = xml(client, reverse("sitemap-news"))
    assert_valid(document, "sitemap.xsd")
    (url,) = document.xpath("//sm:url", namespaces=NS)
    assert url.findtext("sm:loc", namespaces=NS) == settings.SITE_URL + recent.get_absolute_url()
    news = url.find("news:news", namespaces=NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == settings.SITE_NAME
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:publication_date", namespaces=NS) == recent.published_at.isoformat()
    assert news.findtext("news:title", namespaces=NS) == "Fresh story"


def test_news_sitemap_stops_at_its_cap(client, settings):
    settings.NEWSROOM_NEWS_SITEMAP_LIMIT = 3
    for hours in range(5):
        make_article(published_at=timezone.now() - timedelta(hours=hours + 1))
    assert len(xml(client, reverse("sitemap-news")).xpath("//sm:url", namespaces=NS)) == 3


def test_unknown_sitemap_is_404(client):
    assert client.get(reverse("sitemap-section", kwargs={"section": "nothing"})).status_code == 404
