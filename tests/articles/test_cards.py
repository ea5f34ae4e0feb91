"""Story cards are rendered once and shared; an edit renders again exactly the cards that show it.

The whole-page cache is off here, so what these pages show comes from the cards' own cache.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.cards import cards
from newsroom import dependencies
from tests.factories import image_upload, make_article, make_author, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


@pytest.fixture
def story(committed):
    # Committed first, so what the tests read before an edit is cached as it would be.
    with committed():
        return make_article(
            "Bridge reopens",
            section=make_section("City"),
            authors=[make_author("Ada Lane")],
            tags=["Bridges"],
        )


def list_pages(story):
    return {
        "home": reverse("articles:home"),
        "section": story.section.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "bridges"}),
        "author": story.ordered_authors[0].get_absolute_url(),
    }


def read_all(client, story):
    return {name: client.get(url).content.decode() for name, url in list_pages(story).items()}


def test_a_second_render_of_a_list_does_not_read_its_stories_again(client, story, django_assert_num_queries):
    url = reverse("articles:tag", kwargs={"slug": "bridges"})
    client.get(url)
    with django_assert_num_queries(2):  # the tag, the page's ids
        html = client.get(url).content.decode()
    assert "Bridge reopens" in html
    assert "Ada Lane" in html


def test_an_edited_headline_shows_on_every_list(client, story, committed):
    read_all(client, story)
    story.headline = "Bridge reopens early"
    with committed():
        story.save()
    for name, html in read_all(client, story).items():
        assert "Bridge reopens early" in html, name


def test_a_renamed_author_or_section_shows_on_every_card(client, story, committed):
    read_all(client, story)
    author, section = story.ordered_authors[0], story.section
    author.name, section.name = "Ada Lane-Okafor", "Metro"
    with committed():
        author.save()
        section.save()
    pages = read_all(client, story)
    for name, html in pages.items():
        assert "Ada Lane-Okafor" in html, name
    assert f'<p class="kicker"><a href="{section.get_absolute_url()}">Metro</a></p>' in pages["tag"]


def test_an_unpublished_story_leaves_every_list(client, story, committed):
    read_all(client, story)
    story.status = story.Status.DRAFT
    with committed():
        story.save()
    for name, html in read_all(client, story).items():
        assert "Bridge reopens" not in html, name


def test_a_live_card_loses_its_mark_when_coverage_ends(client, committed, clock):
    ends = timezone.now() + timedelta(minutes=5)
    make_article("Storm reaches the coast", live=True, coverage_end=ends)
    url = reverse("articles:home")
    assert "badge--live" in client.get(url).content.decode()
    clock(timedelta(minutes=10))
    html = client.get(url).content.decode()
    assert "Storm reaches the coast" in html
    assert "badge--live" not in html


def test_each_variant_is_a_card_of_its_own(story):
    on_its_section = cards([story.pk], "section")[story.pk]
    on_a_tag = cards([story.pk], "list")[story.pk]
    assert "kicker" not in on_its_section
    assert "kicker" in on_a_tag
    assert "Bridge reopens" in on_its_section


def test_a_story_no_longer_public_has_no_card(story):
    draft = make_article("Not yet", status=story.Status.DRAFT)
    assert list(cards([draft.pk, story.pk], "list")) == [story.pk]


def test_lists_are_shown_when_the_shared_cache_is_away(client, story, monkeypatch):
    def away(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(dependencies, "get_many", away)
    html = client.get(reverse("articles:tag", kwargs={"slug": "bridges"})).content.decode()
    assert "Bridge reopens" in html
    assert "Ada Lane" in html


def test_a_picture_added_to_a_newer_story_makes_it_the_lead(client, committed):
    with committed():
        make_article("Older, with a picture", hero=True, published_at=timezone.now() - timedelta(hours=2))
        newer = make_article("Newer, no picture yet", published_at=timezone.now() - timedelta(hours=1))
    url = reverse("articles:home")
    assert "Older, with a picture" in client.get(url).content.decode().split('class="lead"')[1][:3000]
    newer.hero_image = image_upload()
    with committed():
        newer.save()
    lead = client.get(url).content.decode().split('class="lead"')[1].split("</article>")[0]
    assert "Newer, no picture yet" in lead
