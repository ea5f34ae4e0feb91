"""Text pasted from Word carries characters XML cannot: they never reach a feed or a sitemap."""

import django.apps
import feedparser
import pytest
from lxml import etree
from taggit.models import Tag

from articles.models import Article, Author, Section
from newsroom.richtext import clean_stored_text
from tests.factories import make_article, make_author, make_section
from tests.site_pages import feeds, sitemaps

pytestmark = pytest.mark.django_db

PASTED = "Budget\x0bvote\x0c delayed\x01 again\ufffe\uffff"


@pytest.fixture
def pasted():
    section = make_section(f"City{PASTED}", slug="city")
    author = make_author(f"Ada{PASTED}", slug="ada")
    return make_article(PASTED, section=section, authors=[author], tags=[f"budget{PASTED}"])


def test_text_fields_lose_what_xml_cannot_carry_when_saved(pasted):
    assert Article.objects.get(pk=pasted.pk).headline == "Budget vote  delayed again"
    assert Section.objects.get(slug="city").name == "City" + "Budget vote  delayed again"
    assert Author.objects.get(slug="ada").name == "Ada" + "Budget vote  delayed again"
    assert Tag.objects.get().name == "budget" + "Budget vote  delayed again"


def test_every_feed_and_sitemap_parses(client, pasted):
    for url in [*feeds(pasted).values(), *sitemaps().values()]:
        response = client.get(url)
        assert response.status_code == 200, url
        if "feeds" in url:
            assert not feedparser.parse(response.content).bozo, url
        else:
            etree.fromstring(response.content)  # raises on invalid XML


def test_the_migration_cleans_what_was_stored_before(pasted):
    Article.objects.filter(pk=pasted.pk).update(headline=PASTED, standfirst=f"Stand{PASTED}")
    Tag.objects.update(name=f"old{PASTED}")
    clean_stored_text(django.apps.apps, {"articles", "taggit"})
    article = Article.objects.get(pk=pasted.pk)
    assert (article.headline, article.standfirst) == (
        "Budget vote  delayed again",
        "StandBudget vote  delayed again",
    )
    assert Tag.objects.get().name == "oldBudget vote  delayed again"
