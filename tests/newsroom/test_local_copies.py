"""Each process keeps copies of what it served, used once the shared cache confirms them."""

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory

from articles.caching import article_tag
from newsroom import dependencies
from newsroom.cache import page_key
from newsroom.dependencies import LocalCopies
from newsroom.redis_cache import RedisCache
from tests.factories import make_article, make_section
from tests.servers import require_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article("Harbour bridge reopens", section=make_section("City"), tags=["Bridges"])


def shared_entry_of(path):
    return page_key(RequestFactory().get(path), "")


def test_a_page_is_served_from_this_process_while_its_tags_are_unchanged(client, story):
    path = story.get_absolute_url()
    assert client.get(path)["X-Cache"] == "MISS"
    assert cache.get(shared_entry_of(path)) is not None
    cache.delete(shared_entry_of(path))  # the shared entry is evicted; this process's copy is not
    again = client.get(path)
    assert again["X-Cache"] == "HIT"
    assert "Harbour bridge reopens" in again.content.decode()


def test_a_dropped_tag_retires_the_copy(client, story, committed):
    path = story.get_absolute_url()
    client.get(path)
    story.headline = "Harbour bridge reopens early"
    with committed():
        story.save()
    fresh = client.get(path)
    assert fresh["X-Cache"] == "MISS"
    assert "Harbour bridge reopens early" in fresh.content.decode()
    assert client.get(path)["X-Cache"] == "HIT"


def test_a_lost_token_retires_the_copy(client, story):
    path = story.get_absolute_url()
    client.get(path)
    cache.delete(dependencies.TOKEN_PREFIX + article_tag(story.pk))  # evicted, say
    assert client.get(path)["X-Cache"] == "MISS"


def test_an_emptied_shared_cache_retires_every_copy(client, story):
    path = story.get_absolute_url()
    client.get(path)
    cache.clear()
    assert client.get(path)["X-Cache"] == "MISS"


def test_cached_values_come_from_the_copy_and_record_their_tags():
    calls = []

    def compute():
        calls.append(1)
        dependencies.depends_on("thing-1")
        return "value"

    assert dependencies.cached("thing", compute, 60) == "value"
    cache.delete("thing")
    with dependencies.collecting() as recorded:
        assert dependencies.cached("thing", compute, 60) == "value"
    assert calls == [1]
    assert "thing-1" in recorded.tags
    dependencies.drop({"thing-1"}, cdn_tags=set())
    assert dependencies.cached("thing", compute, 60) == "value"
    assert calls == [1, 1]


def test_copies_stay_within_their_size_least_recently_used_out(settings):
    settings.NEWSROOM_LOCAL_COPIES_BYTES = 64 * 1024
    copies = LocalCopies()
    page = {"content": b"x" * 6000, "tokens": {}, "expires": None}
    for n in range(12):
        copies.put(f"page-{n}", page, 60)
        copies.get("page-0")  # read often: kept
    assert copies.get("page-0") is not None
    assert copies.get("page-1") is None
    assert copies.get("page-11") is not None
    copies.put("huge", {**page, "content": b"x" * 64 * 1024}, 60)
    assert copies.get("huge") is None


def test_copies_leave_after_their_lifetime(monkeypatch):
    copies = LocalCopies()
    copies.put("page", {"content": b"x", "tokens": {}, "expires": None}, 60)
    now = dependencies.time.monotonic()
    monkeypatch.setattr(dependencies.time, "monotonic", lambda: now + 61)
    assert copies.get("page") is None


def test_the_redis_cache_keeps_one_client_per_server():
    require_services()
    redis_cache = RedisCache("redis://127.0.0.1:6379/12", {"KEY_PREFIX": "local-copies-test"})
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set("answer", {"n": 42}, 30)
    assert redis_cache.get_many(["answer", "missing"]) == {"answer": {"n": 42}}
    redis_cache.delete("answer")


def test_a_recently_confirmed_copy_is_served_without_asking_the_shared_cache(
    client, story, settings, monkeypatch
):
    settings.NEWSROOM_LOCAL_RECHECK_MS = 10_000
    path = story.get_absolute_url()
    client.get(path)
    assert client.get(path)["X-Cache"] == "HIT"  # confirmed now

    def away(*args, **kwargs):
        raise ConnectionError("the shared cache is not asked")

    monkeypatch.setattr(caches["default"], "get_many", away)
    again = client.get(path)
    assert again["X-Cache"] == "HIT"
    assert "Harbour bridge reopens" in again.content.decode()


def test_a_save_answers_only_once_every_copy_has_been_rechecked(client, story, settings, committed):
    settings.NEWSROOM_LOCAL_RECHECK_MS = 300
    path = story.get_absolute_url()
    client.get(path)
    assert client.get(path)["X-Cache"] == "HIT"  # confirmed: served without a check for 300 ms
    story.headline = "Harbour bridge reopens early"
    started = dependencies.time.monotonic()
    with committed():
        story.save()
    assert dependencies.time.monotonic() - started >= 0.3
    fresh = client.get(path)
    assert "Harbour bridge reopens early" in fresh.content.decode()
