"""The database cache: one statement a write, Django's meaning for set and add, culling now and then."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from newsroom import db_cache

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_CACHE = {
    "default": {
        "BACKEND": "newsroom.db_cache.DatabaseCache",
        "LOCATION": "newsroom_cache",
        "OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2},
    }
}


@pytest.fixture
def cache():
    with override_settings(CACHES=DATABASE_CACHE):
        database = caches["default"]
        database.clear()
        yield database
        database.clear()


def test_set_get_and_overwrite(cache):
    cache.set("page", {"content": b"<p>One</p>"}, 60)
    assert cache.get("page") == {"content": b"<p>One</p>"}
    cache.set("page", {"content": b"<p>Two</p>"}, 60)
    assert cache.get("page") == {"content": b"<p>Two</p>"}
    cache.set_many({"a": 1, "b": 2}, None)
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}


def test_add_writes_only_over_nothing_or_an_expired_entry(cache, monkeypatch):
    assert cache.add("lock", "first", 60) is True
    assert cache.add("lock", "second", 60) is False
    assert cache.get("lock") == "first"
    cache.set("old", "stale", -1)  # already expired
    assert cache.add("old", "fresh", 60) is True
    assert cache.get("old") == "fresh"


def test_a_write_is_one_statement(cache, django_assert_num_queries):
    cache.set("warm", 1, 60)
    with django_assert_num_queries(1):
        cache.set("page", "x" * 1000, 60)


def test_the_table_is_culled_now_and_then_not_counted_on_every_write(cache, monkeypatch):
    monkeypatch.setattr(db_cache, "CULL_EVERY", 10)
    for n in range(120):
        cache.set(f"entry-{n}", n, 60)
    kept = cache.get_many([f"entry-{n}" for n in range(120)])
    assert 0 < len(kept) <= 50 + 10  # never more than the limit plus the writes since the last look
