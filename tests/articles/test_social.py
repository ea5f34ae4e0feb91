"""Open Graph and Twitter cards: articles in full, every other page sensibly."""

import re

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from articles import renditions
from articles.models import Article
from newsroom.models import Publisher
from tests.factories import image_upload, make_article, make_author

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)


@pytest.fixture
def article():
    story = make_article(
        'Bridge "reopens" <early>', authors=[make_author("Ada Lane")], tags=["Bridges", "Roads"],
        standfirst="Crews finished early.", hero=True, hero_alt="The bridge at dawn",
    )  # fmt: skip
    return story


def test_article_has_open_graph_and_twitter_cards(client, article, settings):
    html = client.get(article.get_absolute_url()).content.decode()
    url = settings.SITE_URL + article.get_absolute_url()
    assert meta(html, "property", "og:type") == ["article"]
    assert meta(html, "property", "og:title") == ["Bridge &quot;reopens&quot; &lt;early&gt;"]
    assert meta(html, "property", "og:description") == ["Crews finished early."]
    assert meta(html, "property", "og:url") == [url]
    wide = article.hero_renditions["16x9"]
    assert meta(html, "property", "og:image") == [settings.SITE_URL + renditions.url(wide)]
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:image:height") == ["675"]
    assert meta(html, "property", "og:image:alt") == ["The bridge at dawn"]
    assert meta(html, "property", "article:published_time") == [article.published_at.isoformat()]
    assert meta(html, "property", "article:section") == [article.section.name]
    assert meta(html, "property", "article:tag") == ["Bridges", "Roads"]
    author_url = settings.SITE_URL + article.ordered_authors[0].get_absolute_url()
    assert meta(html, "property", "article:author") == [author_url]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]


@pytest.mark.parametrize("page", ["home", "tag", "author", "section"])
def test_other_pages_have_website_cards_with_absolute_urls(client, article, page, settings):
    url = {
        "home": reverse("articles:home"),
        "tag": reverse("articles:tag", kwargs={"slug": "bridges"}),
        "author": article.ordered_authors[0].get_absolute_url(),
        "section": article.section.get_absolute_url(),
    }[page]
    html = client.get(url).content.decode()
    assert meta(html, "property", "og:type") == ["website"]
    assert meta(html, "property", "og:url") == [settings.SITE_URL + url]
    (card,) = meta(html, "property", "og:image")
    assert card.startswith(settings.SITE_URL + "/media/cards/")
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:image:height") == ["630"]
    assert meta(html, "property", "og:image:alt") == [settings.SITE_NAME]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]


def test_a_story_without_a_hero_shares_the_publications_card(client, settings):
    story = make_article("No picture today")
    html = client.get(story.get_absolute_url()).content.decode()
    (card,) = meta(html, "property", "og:image")
    assert card.startswith(settings.SITE_URL + "/media/cards/")
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:image:alt") == [settings.SITE_NAME]


def test_the_card_is_made_once_from_the_name_and_logo_and_is_a_real_picture(client, settings):
    first = meta(client.get(reverse("articles:home")).content.decode(), "property", "og:image")[0]
    name = first.removeprefix(settings.SITE_URL + "/media/")
    with default_storage.open(name) as stored, Image.open(stored) as card:
        assert card.size == (1200, 630)
    cache.clear()
    again = meta(client.get(reverse("articles:home")).content.decode(), "property", "og:image")[0]
    assert again == first
    assert len(default_storage.listdir("cards")[1]) == 1


def test_an_uploaded_card_replaces_the_made_one(client, settings):
    Publisher.objects.create(
        name="The Evening Post",
        card_image=image_upload("card.png", (1200, 630), "PNG"),
        card_alt="The Post's card",
    )
    html = client.get(reverse("articles:home")).content.decode()
    (card,) = meta(html, "property", "og:image")
    assert card.startswith(settings.SITE_URL + "/media/publisher/")
    assert meta(html, "property", "og:image:alt") == ["The Post's card".replace("'", "&#x27;")]


def test_draft_appears_in_no_social_tag_of_other_pages(client, article):
    make_article("Secret draft headline", tags=["Bridges"], status=Article.Status.DRAFT)
    for url in (reverse("articles:home"), article.get_absolute_url()):
        assert "Secret draft headline" not in client.get(url).content.decode()


def test_article_shows_reading_time(client):
    story = make_article(body="<p>" + "word " * 700 + "</p>")
    assert "3 min read" in client.get(story.get_absolute_url()).content.decode()


def test_deep_list_pages_are_noindex_but_followed(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    settings.NEWSROOM_INDEXED_PAGES = 1
    make_article()
    make_article()
    first = client.get(reverse("articles:home")).content.decode()
    second = client.get(reverse("articles:home") + "?page=2").content.decode()
    assert 'content="noindex, follow"' not in first
    assert 'content="noindex, follow"' in second
