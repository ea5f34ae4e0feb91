"""Readers search published stories; bad queries answer cleanly."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


def results(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return [
        line.split(">", 1)[1].split("<", 1)[0]
        for line in html.split('<h2 class="search-result__headline"><a href=')[1:]
    ]


def test_headline_match_ranks_above_body_match(client):
    make_article("Council budget approved", body="<p>Spending rises.</p>")
    make_article("Road works news", body="<p>The budget for roads grows.</p>", published_at=timezone.now())
    assert results(client, "budget") == ["Council budget approved", "Road works news"]


def test_finds_a_word_present_only_in_the_body(client):
    make_article("Quiet night", standfirst="Nothing to report.", body="<p>A heron nested in the harbour.</p>")
    assert results(client, "heron") == ["Quiet night"]


def test_drafts_and_scheduled_stories_are_never_found(client):
    make_article("Public heron story", body="<p>heron</p>")
    make_article("Draft heron story", body="<p>heron</p>", status=Article.Status.DRAFT)
    make_article(
        "Embargoed heron story", body="<p>heron</p>", published_at=timezone.now() + timedelta(days=1)
    )
    assert results(client, "heron") == ["Public heron story"]


def test_result_shows_an_escaped_snippet_with_the_match_highlighted(client):
    make_article("Tides", body="<p>Readers asked whether 3 &lt; 4 herons nest by the quay.</p>")
    html = client.get(URL, {"q": "herons"}).content.decode()
    assert "<mark>herons</mark>" in html
    assert "3 &lt; 4" in html


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_shows_the_search_form_and_no_results(client, query):
    make_article("Anything")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert "search-result" not in response.content.decode()


def test_overlong_query_is_refused_with_a_clear_message(client):
    response = client.get(URL, {"q": "harbour " * 2000})
    assert response.status_code == 400
    assert "Search for at most 200 characters." in response.content.decode()


@pytest.mark.parametrize("query", ["heron\x00", "\x00", "her\x00on nest"])
def test_nul_bytes_are_refused_with_a_clear_message(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_control_characters_are_ignored(client):
    make_article("Heron story", body="<p>heron nest</p>")
    assert results(client, "\x07heron\x1b") == ["Heron story"]


def test_search_pages_are_noindex_and_not_cached(client):
    make_article("Heron story", body="<p>heron</p>")
    response = client.get(URL, {"q": "heron"})
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")


def test_results_are_paginated(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for n in range(3):
        make_article(
            f"Heron report {n}", body="<p>heron</p>", published_at=timezone.now() - timedelta(hours=n)
        )
    assert len(results(client, "heron")) == 2
    html = client.get(URL, {"q": "heron report"}).content.decode()
    assert '<a rel="next" href="?q=heron+report&amp;page=2">More results</a>' in html
    assert results(client, "heron", page=2) == ["Heron report 2"]
    assert client.get(URL, {"q": "heron", "page": "x"}).status_code == 404


def test_every_page_has_a_search_box_and_the_website_jsonld_points_at_search(client, settings):
    make_article()
    html = client.get(reverse("articles:home")).content.decode()
    assert f'action="{URL}"' in html
    assert f"{settings.SITE_URL}{URL}?q={{search_term_string}}" in html


def test_snippet_marks_whole_words_that_start_with_the_query():
    from articles.search import START, STOP, _plain_snippet

    snippet = _plain_snippet("The busiest bus route in town has new buses.", ["bus"])
    assert snippet == f"The {START}busiest{STOP} {START}bus{STOP} route in town has new {START}buses{STOP}."


def test_snippet_starts_and_ends_on_whole_words():
    from articles.search import _plain_snippet

    text = " ".join(f"word{n}" for n in range(100)) + " heron " + " ".join(f"more{n}" for n in range(100))
    snippet = _plain_snippet(text, ["heron"])
    assert snippet.startswith("…word")
    assert snippet.endswith("…")
    assert all(part.startswith(("word", "more", "\x01heron", "…")) for part in snippet.split())


def test_renaming_a_tag_finds_its_stories_by_the_new_name_and_not_the_old(client):
    if connection.vendor != "postgresql":
        pytest.skip("tag names are searched on PostgreSQL only; SQLite searches headline, standfirst, body")
    make_article("Council meets", tags=["Quayside"], body="<p>The council met.</p>")
    assert results(client, "quayside") == ["Council meets"]
    tag = Tag.objects.get(name="Quayside")
    tag.name = "Waterfront"
    tag.save()
    assert results(client, "waterfront") == ["Council meets"]
    assert results(client, "quayside") == []


def test_a_misspelt_word_finds_headlines_that_look_like_it(client):
    if connection.vendor != "postgresql":
        pytest.skip("the look-alike fallback is PostgreSQL's trigram index; SQLite matches words as typed")
    make_article("Harbour bridge reopens", body="<p>Traffic flows again.</p>")
    make_article("Council budget approved", body="<p>Spending rises.</p>")
    assert results(client, "brige") == ["Harbour bridge reopens"]
    assert results(client, "budgit") == ["Council budget approved"]
    assert results(client, "zeppelinaut") == []


def test_a_word_in_very_many_stories_is_ranked_among_its_newest(client, settings):
    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's; SQLite lists headline matches first")
    now = timezone.now()
    make_article("Ferry timetable", body="<p>The ferry sails.</p>", published_at=now - timedelta(days=30))
    make_article("Harbour news", body="<p>A ferry was late.</p>", published_at=now - timedelta(days=2))
    make_article("Quay works", body="<p>Ferry passengers wait.</p>", published_at=now - timedelta(days=1))
    settings.NEWSROOM_SEARCH_CANDIDATES = 3
    assert results(client, "ferry")[0] == "Ferry timetable"  # every match ranked: the headline wins
    settings.NEWSROOM_SEARCH_CANDIDATES = 2
    assert sorted(results(client, "ferry")) == ["Harbour news", "Quay works"]
