"""Dependency tags: what is stored is never staler than the writes committed before it was read."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from newsroom import dependencies
from newsroom.dependencies import (
    cached,
    changes_marker,
    depends_on,
    invalidate,
    tags_dropped,
    tokens_if_unchanged,
)

pytestmark = pytest.mark.django_db


def test_a_render_that_overlaps_a_committed_write_is_not_stored(committed):
    marker = changes_marker()
    with committed():
        invalidate({"article-1"})
    assert tokens_if_unchanged({"article-2"}, marker) is None


def test_a_render_with_no_write_in_between_gets_the_tokens_of_its_tags():
    marker = changes_marker()
    tokens = tokens_if_unchanged({"article-1", "nav"}, marker)
    assert set(tokens) == {"article-1", "nav"}


def test_a_cached_value_is_computed_again_once_a_tag_it_showed_is_dropped(committed):
    calls = []

    def compute():
        calls.append(1)
        depends_on("section-7")
        return len(calls)

    assert [cached("k", compute, 60), cached("k", compute, 60)] == [1, 1]
    with committed():
        invalidate({"section-8"})
    assert cached("k", compute, 60) == 1
    with committed():
        invalidate({"section-7"})
    assert cached("k", compute, 60) == 2


def test_a_lost_token_makes_a_cached_value_stale_never_fresh():
    def compute():
        depends_on("tag-3")
        return object()

    first = cached("k", compute, 60)
    cache.delete(dependencies.TOKEN_PREFIX + "tag-3")
    assert cached("k", compute, 60) is not first


def test_nested_values_count_for_the_page_that_shows_them():
    def inner():
        depends_on("article-5")
        return "list"

    with dependencies.collecting() as page:
        cached("inner", inner, 60)
    with dependencies.collecting() as again:
        cached("inner", inner, 60)  # from the cache this time
    assert "article-5" in page.tags
    assert "article-5" in again.tags


def test_one_transaction_tells_the_purgers_once(committed):
    sent = []

    def record(tags, **kwargs):
        sent.append(tags)

    tags_dropped.connect(record)
    try:
        with committed():
            pass
        with committed():
            invalidate({"article-1"})
            invalidate({"list-all", "article-1"})
            invalidate({"tag-4"})
    finally:
        tags_dropped.disconnect(record)
    assert sent == [["article-1", "list-all", "tag-4"]]


def test_drop_cache_drops_every_cached_page(client, committed):
    from tests.factories import make_article

    story = make_article()
    client.get(story.get_absolute_url())
    with committed():
        call_command("drop_cache", stdout=io.StringIO())
    assert client.get(story.get_absolute_url())["X-Cache"] == "MISS"


class CacheAway:
    """A shared cache that cannot be written to."""

    def set(self, *args, **kwargs):
        raise ConnectionError("cache unreachable")

    set_many = set


def test_tags_the_cache_could_not_take_are_dropped_again_by_purge_cdn(client, committed, monkeypatch):
    from tests.factories import make_article

    story = make_article("Bridge reopens")
    with committed():
        pass
    client.get(story.get_absolute_url())
    monkeypatch.setattr(dependencies, "cache", CacheAway())
    with committed():
        story.headline = "Bridge reopens early"
        story.save()
    monkeypatch.undo()  # the cache is back, with its old pages
    assert "Bridge reopens early" not in client.get(story.get_absolute_url()).content.decode()

    call_command("purge_cdn", stdout=io.StringIO())
    assert "Bridge reopens early" in client.get(story.get_absolute_url()).content.decode()


def test_get_many_reads_more_keys_than_one_statement_binds():
    database_cache = {
        "BACKEND": "newsroom.db_cache.DatabaseCache",
        "LOCATION": "newsroom_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    keys = {f"k{n}": n for n in range(1201)}
    with override_settings(CACHES={"default": database_cache}):
        cache.set_many(keys)
        assert dependencies.get_many(keys, chunk=500) == keys
