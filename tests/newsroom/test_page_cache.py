"""Anonymous pages come from the cache, and every change is visible on the next request."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_faq, make_section
from tests.site_pages import story_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section("City")
    author = make_author("Ada Lane")
    return make_article("Bridge reopens", section=section, authors=[author], tags=["Bridges"])


def visit_all(client, article):
    """Fetch every page showing ``article`` once, so each sits in the cache."""
    return {name: client.get(url) for name, url in story_pages(article).items()}


def test_second_anonymous_request_costs_no_query(client, story, django_assert_num_queries):
    client.get(story.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Bridge reopens" in response.content.decode()


def test_editing_a_headline_shows_on_every_page_at_once(client, story, committed):
    visit_all(client, story)
    story.headline = "Bridge reopens early"
    with committed():
        story.save()
    for name, url in story_pages(story).items():
        assert "Bridge reopens early" in client.get(url).content.decode(), name


def test_unpublishing_removes_the_story_from_every_page_at_once(client, story, committed):
    visit_all(client, story)
    story.status = Article.Status.DRAFT
    with committed():
        story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    for name in ("home", "section", "author"):
        assert "Bridge reopens" not in client.get(story_pages(story)[name]).content.decode(), name


def test_publishing_shows_the_story_on_every_page_at_once(client, committed):
    draft = make_article("Ferry news", tags=["Bridges"], status=Article.Status.DRAFT)
    public = make_article("Other", section=draft.section, authors=draft.ordered_authors, tags=["Bridges"])
    visit_all(client, public)
    draft.status = Article.Status.PUBLISHED
    with committed():
        draft.save()
    for name, url in story_pages(draft).items():
        assert "Ferry news" in client.get(url).content.decode(), name


def test_deleting_removes_the_story_from_lists_at_once(client, story, committed):
    other = make_article(section=story.section, authors=story.ordered_authors, tags=["Bridges"])
    visit_all(client, other)
    with committed():
        story.delete()
    for name, url in story_pages(other).items():
        assert "Bridge reopens" not in client.get(url).content.decode(), name


def test_retagging_shows_on_the_tag_page_at_once(client, story, committed):
    client.get(reverse("articles:tag", kwargs={"slug": "bridges"}))
    client.get(story.get_absolute_url())
    with committed():
        story.tags.add("Tunnels")
    tunnels = client.get(reverse("articles:tag", kwargs={"slug": "tunnels"})).content.decode()
    assert "Bridge reopens" in tunnels
    assert "Tunnels" in client.get(story.get_absolute_url()).content.decode()


def test_editing_an_faq_answer_shows_at_once(client, story, committed):
    entry = make_faq(story, "When?", "<p>Monday.</p>")
    assert "Monday." in client.get(story.get_absolute_url()).content.decode()
    entry.answer = "<p>Tuesday.</p>"
    with committed():
        entry.save()
    assert "Tuesday." in client.get(story.get_absolute_url()).content.decode()


def test_renaming_an_author_or_section_shows_at_once(client, story, committed):
    visit_all(client, story)
    author = story.ordered_authors[0]
    author.name = "Ada Lane-Okafor"
    section = story.section
    section.name = "Metro"
    with committed():
        author.save()
        section.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Ada Lane-Okafor" in html
    assert ">Metro<" in html


def test_scheduled_story_appears_when_its_time_comes_despite_the_cache(client, clock):
    make_article("Already out")
    make_article("Embargoed", published_at=timezone.now() + timedelta(minutes=5))
    assert "Embargoed" not in client.get(reverse("articles:home")).content.decode()
    clock(timedelta(minutes=6))
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


def test_tracking_parameters_are_served_from_the_cache(client, story):
    client.get(story.get_absolute_url())
    for query in ("?utm_source=newsletter&utm_medium=email", "?fbclid=abc123", "?gclid=xyz&utm_campaign=x"):
        response = client.get(story.get_absolute_url() + query)
        assert response["X-Cache"] == "HIT", query


def test_other_query_strings_are_answered_without_the_cache(client, story):
    # The story's own page reads the story on each render (lists show cached cards of it).
    url = story.get_absolute_url() + "?colour=blue"
    client.get(url)
    Article.objects.filter(pk=story.pk).update(headline="Changed directly")
    response = client.get(url)
    assert "Changed directly" in response.content.decode()
    assert not response.has_header("X-Cache")


def test_head_is_served_from_the_cache(client, story):
    client.get(story.get_absolute_url())
    response = client.head(story.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Cache"] == "HIT"


def test_every_spelling_of_the_host_shares_one_entry(client, story):
    client.get(story.get_absolute_url(), HTTP_HOST="127.0.0.1:8000")
    for host in ("127.0.0.1:9999", "LOCALHOST", "localhost.", "127.0.0.1"):
        assert client.get(story.get_absolute_url(), HTTP_HOST=host)["X-Cache"] == "HIT", host


def test_a_look_alike_encoding_never_gets_compressed_bytes(client, story):
    assert client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    response = client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="xgzip")
    assert not response.has_header("Content-Encoding")
    assert "Bridge reopens" in response.content.decode()


def page_entries():
    return [key for key in cache._cache if ":page:" in key]


def test_a_flood_of_made_up_addresses_stores_nothing_and_keeps_the_home_page(client, story):
    home = reverse("articles:home")
    client.get(home)
    stored = len(page_entries())
    for n in range(150):
        client.get(f"/no-such-section-{n}/")
        client.get(f"{home}?page={1000 + n}")
        client.get(f"{home}?utm_source=spam-{n}", HTTP_HOST=f"127.0.0.1:{10000 + n}")
        client.get(f"{home}?q={n}")
    assert len(page_entries()) == stored
    assert client.get(home)["X-Cache"] == "HIT"


def test_not_found_pages_are_never_stored(client):
    client.get("/no-such-page/")
    assert page_entries() == []


# Precise invalidation --------------------------------------------------------------


@pytest.fixture
def unrelated():
    return make_article("Library extends hours", section=make_section("Culture"), tags=["Books"])


def test_editing_a_story_leaves_pages_that_do_not_show_it_cached(client, story, unrelated, committed):
    with committed():
        pass  # the stories were saved before anyone read them
    unrelated_pages = [
        unrelated.get_absolute_url(),
        unrelated.section.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "books"}),
        unrelated.ordered_authors[0].get_absolute_url(),
    ]
    for url in [*unrelated_pages, story.get_absolute_url()]:
        client.get(url)
    story.headline = "Bridge reopens early"
    with committed():
        story.save()
    for url in unrelated_pages:
        assert client.get(url)["X-Cache"] == "HIT", url
    assert client.get(story.get_absolute_url())["X-Cache"] == "MISS"


def test_publishing_drops_the_lists_the_story_joins(client, story, committed):
    pages = story_pages(story)
    visit_all(client, story)
    newcomer = make_article(
        "Ferry returns", section=story.section, authors=story.ordered_authors, status=Article.Status.DRAFT
    )
    with committed():
        newcomer.tags.add("Bridges")
        newcomer.status = Article.Status.PUBLISHED
        newcomer.save()
    for name in ("home", "section", "tag", "author"):
        response = client.get(pages[name])
        assert response["X-Cache"] == "MISS", name
        assert "Ferry returns" in response.content.decode(), name


def test_responses_carry_the_tags_of_what_they_show(client, story):
    response = client.get(story.get_absolute_url())
    keys = response["Surrogate-Key"].split(" ")
    author = story.ordered_authors[0]
    for tag in (
        f"article-{story.pk}",
        f"section-{story.section_id}",
        f"author-{author.pk}",
        "nav",
        "publisher",
    ):
        assert tag in keys
    assert response["Cache-Tag"].split(",") == keys
    assert response["X-Cache"] == "MISS"
    assert client.get(story.get_absolute_url())["Surrogate-Key"] == response["Surrogate-Key"]


def test_shared_caches_get_their_own_lifetime(client, settings, story):
    settings.NEWSROOM_CDN_MAX_AGE = 86400
    response = client.get(story.get_absolute_url())
    assert f"max-age={settings.NEWSROOM_BROWSER_MAX_AGE}" in response["Cache-Control"]
    assert "s-maxage=86400" in response["Cache-Control"]
    assert response["Surrogate-Control"] == "max-age=86400"


def test_shared_caches_keep_pages_no_longer_than_the_next_scheduled_story(client, settings, story):
    settings.NEWSROOM_CDN_MAX_AGE = 86400
    make_article("Embargoed", published_at=timezone.now() + timedelta(seconds=100))
    response = client.get(reverse("articles:home"))
    lifetime = int(response["Surrogate-Control"].removeprefix("max-age="))
    assert 0 < lifetime <= 100
    assert f"s-maxage={lifetime}" in response["Cache-Control"]


def test_the_news_sitemap_expires_when_its_oldest_story_leaves_the_window(client, settings, clock):
    make_article("Old enough", published_at=timezone.now() - timedelta(hours=47, minutes=59))
    url = reverse("sitemap-news")
    assert "Old enough" in client.get(url).content.decode()
    clock(timedelta(minutes=2))
    assert "Old enough" not in client.get(url).content.decode()


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


def test_changed_page_gets_a_new_etag(client, story, committed):
    first = client.get(story.get_absolute_url())["ETag"]
    story.standfirst = "New standfirst."
    with committed():
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


@pytest.mark.parametrize("number", ["²", "①", "٣", "1²"])
def test_a_page_number_that_only_looks_like_digits_is_not_found(client, story, number):
    for url in (reverse("articles:home"), reverse("articles:tag", kwargs={"slug": "bridges"})):
        assert client.get(url, {"page": number}).status_code == 404
    assert client.get(reverse("articles:search"), {"q": "bridge", "page": number}).status_code == 404
    sitemap = reverse("sitemap-section", kwargs={"section": "articles"})
    assert client.get(sitemap, {"p": number}).status_code == 404
