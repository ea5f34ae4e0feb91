"""Anonymous pages come from the cache, and every change is visible on the next request."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_faq, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section("City")
    author = make_author("Ada Lane")
    return make_article("Bridge reopens", section=section, authors=[author], tags=["Bridges"])


def pages_of(article):
    return {
        "article": article.get_absolute_url(),
        "home": reverse("articles:home"),
        "section": article.section.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "bridges"}),
        "author": article.ordered_authors[0].get_absolute_url(),
    }


def visit_all(client, article):
    """Fetch every page showing ``article`` once, so each sits in the cache."""
    return {name: client.get(url) for name, url in pages_of(article).items()}


def test_second_anonymous_request_costs_no_query(client, story, django_assert_num_queries):
    client.get(story.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Bridge reopens" in response.content.decode()


def test_editing_a_headline_shows_on_every_page_at_once(client, story):
    visit_all(client, story)
    story.headline = "Bridge reopens early"
    story.save()
    for name, url in pages_of(story).items():
        assert "Bridge reopens early" in client.get(url).content.decode(), name


def test_unpublishing_removes_the_story_from_every_page_at_once(client, story):
    visit_all(client, story)
    story.status = Article.Status.DRAFT
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    for name in ("home", "section", "author"):
        assert "Bridge reopens" not in client.get(pages_of(story)[name]).content.decode(), name


def test_publishing_shows_the_story_on_every_page_at_once(client):
    draft = make_article("Ferry news", tags=["Bridges"], status=Article.Status.DRAFT)
    public = make_article("Other", section=draft.section, authors=draft.ordered_authors, tags=["Bridges"])
    visit_all(client, public)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    for name, url in pages_of(draft).items():
        assert "Ferry news" in client.get(url).content.decode(), name


def test_deleting_removes_the_story_from_lists_at_once(client, story):
    other = make_article(section=story.section, authors=story.ordered_authors, tags=["Bridges"])
    visit_all(client, other)
    story.delete()
    for name, url in pages_of(other).items():
        assert "Bridge reopens" not in client.get(url).content.decode(), name


def test_retagging_shows_on_the_tag_page_at_once(client, story):
    client.get(reverse("articles:tag", kwargs={"slug": "bridges"}))
    story.tags.add("Tunnels")
    tunnels = client.get(reverse("articles:tag", kwargs={"slug": "tunnels"})).content.decode()
    assert "Bridge reopens" in tunnels
    assert "Tunnels" in client.get(story.get_absolute_url()).content.decode()


def test_editing_an_faq_answer_shows_at_once(client, story):
    entry = make_faq(story, "When?", "<p>Monday.</p>")
    assert "Monday." in client.get(story.get_absolute_url()).content.decode()
    entry.answer = "<p>Tuesday.</p>"
    entry.save()
    assert "Tuesday." in client.get(story.get_absolute_url()).content.decode()


def test_renaming_an_author_or_section_shows_at_once(client, story):
    visit_all(client, story)
    author = story.ordered_authors[0]
    author.name = "Ada Lane-Okafor"
    author.save()
    section = story.section
    section.name = "Metro"
    section.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Ada Lane-Okafor" in html
    assert ">Metro<" in html


def test_scheduled_story_appears_when_its_time_comes_despite_the_cache(client, monkeypatch):
    make_article("Already out")
    make_article("Embargoed", published_at=timezone.now() + timedelta(minutes=5))
    assert "Embargoed" not in client.get(reverse("articles:home")).content.decode()
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Embargoed" in client.get(reverse("articles:home")).content.decode()


def test_signed_in_staff_bypass_the_cache_and_get_private_pages(client, staff_client, story):
    client.get(story.get_absolute_url())
    Article.objects.filter(pk=story.pk).update(headline="Changed behind the cache's back")
    assert "Bridge reopens" in client.get(story.get_absolute_url()).content.decode()
    response = staff_client.get(story.get_absolute_url())
    assert "Changed behind the cache" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_previews_are_never_cached(staff_client, client):
    draft = make_article("Secret draft", status=Article.Status.DRAFT)
    assert "no-store" in staff_client.get(draft.get_absolute_url())["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_other_query_strings_are_not_cached(client, story):
    url = reverse("articles:home") + "?utm_source=newsletter"
    client.get(url)
    Article.objects.filter(pk=story.pk).update(headline="Changed directly")
    assert "Changed directly" in client.get(url).content.decode()


# HTTP caching ------------------------------------------------------------------


def test_anonymous_pages_are_public_briefly_and_revalidate(client, settings, story):
    response = client.get(story.get_absolute_url())
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert f"max-age={settings.NEWSROOM_BROWSER_MAX_AGE}" in cache_control
    assert f"stale-while-revalidate={settings.NEWSROOM_STALE_WHILE_REVALIDATE}" in cache_control
    assert response.has_header("ETag")
    assert response.has_header("Last-Modified")


@pytest.mark.parametrize("cached", [False, True])
def test_conditional_get_answers_304(client, story, cached):
    if cached:
        client.get(story.get_absolute_url())
    first = client.get(story.get_absolute_url())
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_changed_page_gets_a_new_etag(client, story):
    first = client.get(story.get_absolute_url())["ETag"]
    story.standfirst = "New standfirst."
    story.save()
    response = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first)
    assert response.status_code == 200
    assert response["ETag"] != first


def test_html_is_compressed_for_clients_that_accept_gzip(client, story):
    plain = client.get(story.get_absolute_url())
    for _ in range(2):  # rendered, then from the cache
        response = client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["Content-Encoding"] == "gzip"
        assert len(response.content) < len(plain.content)
    assert "Accept-Encoding" in response["Vary"]
