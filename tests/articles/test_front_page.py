"""The front page: a lead story, the latest stories, then a row per section; a 404 that helps."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def story(headline, hours_ago, section=None, hero=False, **fields):
    published_at = timezone.now() - timedelta(hours=hours_ago)
    return make_article(headline, section=section, published_at=published_at, hero=hero, **fields)


def part(html, start, end):
    return html.split(start, 1)[1].split(end, 1)[0]


def test_the_newest_story_with_a_picture_leads_the_front_page(client):
    story("Newest, no picture", 1)
    story("Older, with a picture", 2, hero=True)
    html = client.get(reverse("articles:home")).content.decode()
    lead = part(html, '<article class="lead">', "</article>")
    assert "Older, with a picture" in lead
    latest = part(html, 'id="latest-heading"', "</section>")
    assert "Newest, no picture" in latest
    assert "Older, with a picture" not in latest


def test_without_pictures_the_newest_story_leads(client):
    story("Newest", 1)
    story("Older", 2)
    html = client.get(reverse("articles:home")).content.decode()
    assert "Newest" in part(html, '<article class="lead">', "</article>")


def test_section_rows_show_each_sections_stories_not_already_on_the_page(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    settings.NEWSROOM_HOME_SECTION_ROW = 2
    city, culture = make_section("City", position=1), make_section("Culture", position=2)
    story("City one", 1, section=city)
    story("Culture one", 2, section=culture)
    story("City two", 3, section=city)
    story("City three", 4, section=city)
    story("City four", 5, section=city)
    story("Culture two", 6, section=culture)
    html = client.get(reverse("articles:home")).content.decode()
    rows = html.split('class="section-row"')[1:]
    assert [part(row, 'class="rule-heading">', "</h2>").split(">")[1].split(" <")[0] for row in rows] == [
        "City",
        "Culture",
    ]
    assert "City two" in rows[0]
    assert "City three" in rows[0]
    assert "City one" not in rows[0]
    assert "City four" not in rows[0]
    assert "Culture two" in rows[1]
    assert "Culture one" not in rows[1]


def test_section_rows_never_show_drafts_or_scheduled_stories(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    story("Public", 1)
    story("Public too", 2)
    story("A draft", 3, status=Article.Status.DRAFT)
    story("Embargoed", -5)
    html = client.get(reverse("articles:home")).content.decode()
    assert "Public too" in html.split('class="section-row"')[1]
    assert "A draft" not in html
    assert "Embargoed" not in html


def test_later_pages_are_a_plain_list(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    story("First", 1)
    story("Second", 2)
    html = client.get(reverse("articles:home") + "?page=2").content.decode()
    assert "Latest stories, page 2" in html
    assert 'class="lead"' not in html
    assert 'class="section-row"' not in html


def test_page_not_found_offers_search_and_the_latest_stories(client):
    story("Bridge opens", 1)
    story("A draft", 2, status=Article.Status.DRAFT)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn't find that page" in html
    assert '<form class="search-form" role="search" action="/search/"' in html
    latest = part(html, 'id="not-found-latest"', "</section>")
    assert "Bridge opens" in latest
    assert "A draft" not in latest
    assert '<meta name="robots" content="noindex">' in html


def test_stories_past_the_grid_lead_their_section_rows(client, settings):
    settings.NEWSROOM_HOME_LATEST = 2
    city = make_section("City")
    for hours in range(1, 6):
        story(f"City story {hours}", hours, section=city)
    html = client.get(reverse("articles:home")).content.decode()
    latest = part(html, 'id="latest-heading"', "</section>")
    assert "City story 2" in latest
    assert "City story 3" in latest
    assert "City story 4" not in latest
    (row,) = html.split('class="section-row"')[1:]
    assert row.index("City story 4") < row.index("City story 5")
    assert "City story 1" not in row
