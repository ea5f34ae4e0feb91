"""RSS and Atom feeds parse cleanly and carry only published stories."""

import html
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

FEEDS = [
    ("articles:feed_rss", {}),
    ("articles:feed_atom", {}),
    ("articles:feed_full_rss", {}),
    ("articles:feed_full_atom", {}),
    ("articles:section_feed_rss", {"slug": "city"}),
    ("articles:section_feed_atom", {"slug": "city"}),
    ("articles:tag_feed_rss", {"slug": "bridges"}),
    ("articles:tag_feed_atom", {"slug": "bridges"}),
    ("articles:author_feed_rss", {"slug": "ada-lane"}),
    ("articles:author_feed_atom", {"slug": "ada-lane"}),
]


@pytest.fixture
def story():
    section, author = make_section("City", slug="city"), make_author("Ada Lane", slug="ada-lane")
    article = make_article(
        "Bridge opens & traffic flows",
        section=section,
        authors=[author],
        tags=["Bridges", "Transport"],
        standfirst="Nine months of <works> end.",
        body="<p>The <strong>bridge</strong> opens.</p>",
        hero=True,
        hero_alt="The bridge",
    )
    make_article(
        "Draft story", section=section, authors=[author], tags=["Bridges"], status=Article.Status.DRAFT
    )
    make_article(
        "Embargoed story", section=section, authors=[author], tags=["Bridges"],
        published_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    return article


def parse(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_feed_parses_without_warnings_and_has_only_published_stories(client, story, name, kwargs):
    feed = parse(client, name, kwargs)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Bridge opens & traffic flows"]


@pytest.mark.parametrize("name", ["articles:feed_rss", "articles:feed_atom"])
def test_feed_item_carries_summary_link_author_dates_categories_and_image(client, story, name, settings):
    (entry,) = parse(client, name, {}).entries
    assert entry.link == settings.SITE_URL + story.get_absolute_url()
    assert html.unescape(entry.summary) == "Nine months of <works> end."
    assert entry.author == "Ada Lane"
    assert sorted(tag.term for tag in entry.tags) == ["Bridges", "Transport"]
    assert entry.published_parsed[:6] == story.published_at.utctimetuple()[:6]
    (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
    assert enclosure.href == settings.SITE_URL + story.hero_image.url
    assert enclosure.type == "image/jpeg"


@pytest.mark.parametrize("name", ["articles:feed_full_rss", "articles:feed_full_atom"])
def test_full_content_feed_carries_the_sanitized_body(client, story, name):
    (entry,) = parse(client, name, {}).entries
    assert entry.content[0].value == "<p>The <strong>bridge</strong> opens.</p>"


def test_summary_feed_does_not_carry_the_body(client, story):
    (entry,) = parse(client, "articles:feed_rss", {}).entries
    assert "content" not in entry


def test_feed_of_an_unknown_tag_is_404(client):
    assert client.get(reverse("articles:tag_feed_rss", kwargs={"slug": "nothing"})).status_code == 404


def test_pages_announce_their_feeds(client, story):
    home = client.get(reverse("articles:home")).content.decode()
    rss = reverse("articles:feed_rss")
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="The Newsroom Times (RSS)" href="{rss}">'
        in home
    )
    tag_page = client.get(reverse("articles:tag", kwargs={"slug": "bridges"})).content.decode()
    assert f'href="{reverse("articles:tag_feed_atom", kwargs={"slug": "bridges"})}"' in tag_page
    section_page = client.get(story.section.get_absolute_url()).content.decode()
    assert f'href="{reverse("articles:section_feed_rss", kwargs={"slug": "city"})}"' in section_page


def test_full_feeds_carry_only_the_sites_own_pictures(client, settings):
    settings.NEWSROOM_FEED_IMAGE_HOSTS = ["images.partner.example"]
    body = (
        '<p>Text.</p><figure class="image"><img src="/media/uploads/2026/12/own.png" alt="Ours"></figure>'
        '<p><img src="https://tracker.example/pixel.gif" alt="Tracker"></p>'
        '<p><img src="https://images.partner.example/p.jpg" alt="Partner"></p>'
    )
    make_article("Pictures", body=body)
    for name in ("articles:feed_full_rss", "articles:feed_full_atom"):
        content = parse(client, name, {}).entries[0].content[0].value
        assert f'src="{settings.SITE_URL}/media/uploads/2026/12/own.png"' in content
        assert "images.partner.example/p.jpg" in content
        assert "tracker.example" not in content
        assert "Text." in content
