"""Also Read: published neighbours through shared tags, with the tags that link them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def also_read_headlines(client, article):
    return [item.headline for item in client.get(article.get_absolute_url()).context["also_read"]]


def test_ranks_more_shared_tags_first_then_newer(client):
    now = timezone.now()
    article = make_article(tags=["a", "b", "c"])
    make_article("One tag, newest", tags=["a"], published_at=now - timedelta(minutes=5))
    make_article("Three tags", tags=["a", "b", "c"], published_at=now - timedelta(days=3))
    make_article("Two tags", tags=["b", "c"], published_at=now - timedelta(days=2))
    make_article("One tag, older", tags=["c"], published_at=now - timedelta(days=1))
    assert also_read_headlines(client, article) == [
        "Three tags",
        "Two tags",
        "One tag, newest",
        "One tag, older",
    ]


def test_shows_at_most_the_configured_count(client, settings):
    settings.NEWSROOM_ALSO_READ_COUNT = 2
    article = make_article(tags=["a"])
    for _ in range(4):
        make_article(tags=["a"])
    assert len(also_read_headlines(client, article)) == 2


def test_never_lists_the_article_itself_a_draft_or_a_scheduled_article(client):
    article = make_article(tags=["a"])
    make_article("Draft", tags=["a"], status=Article.Status.DRAFT)
    make_article("Scheduled", tags=["a"], published_at=timezone.now() + timedelta(hours=1))
    make_article("Public", tags=["a"])
    assert also_read_headlines(client, article) == ["Public"]


def test_each_item_links_the_tags_it_shares(client):
    article = make_article(tags=["Trams", "Budget"])
    make_article("Neighbour", tags=["Trams", "Budget", "Weather"])
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index("Also Read") :]
    budget = reverse("articles:tag", kwargs={"slug": "budget"})
    trams = reverse("articles:tag", kwargs={"slug": "trams"})
    assert f'Shared tags: <a href="{budget}">Budget</a>, <a href="{trams}">Trams</a>' in section
    assert "Weather" not in section


def test_falls_back_to_latest_of_the_section_without_tag_neighbours(client):
    section = make_section()
    article = make_article(section=section, tags=["lonely"])
    make_article("Same section", section=section)
    make_article("Other section", tags=["unrelated"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert also_read_headlines(client, article) == ["Same section"]
    assert f'More from <a href="{section.get_absolute_url()}">' in html


def test_tag_neighbours_come_before_section_fill(client):
    section = make_section()
    article = make_article(section=section, tags=["a"])
    make_article("Section only, newest", section=section)
    make_article("Tag neighbour", tags=["a"], published_at=timezone.now() - timedelta(days=9))
    assert also_read_headlines(client, article) == ["Tag neighbour", "Section only, newest"]


def test_article_without_tags_still_gets_its_section(client):
    section = make_section()
    article = make_article(section=section)
    make_article("Neighbour", section=section)
    assert also_read_headlines(client, article) == ["Neighbour"]


def test_sits_at_the_end_of_the_article_after_the_faq(client):
    article = make_article(tags=["a"], faqs=[("Why?", "<p>Because.</p>")])
    make_article("Neighbour", tags=["a"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index('id="faq-heading"') < html.index('id="also-read-heading"') < html.index("</article>")
