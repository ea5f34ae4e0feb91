"""Load balancers' probes: alive, and ready only when the database, the cache and the storage answer."""

import pytest
from django.core.cache import caches
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


def test_alive_answers_ok_uncached_whatever_the_host_and_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a balancer probes by address
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_ready_when_database_cache_and_storage_answer(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.content == b"ready\n"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/readyz").get("X-Cache") != "HIT"  # never stored


def test_a_fresh_site_without_pictures_yet_is_ready(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media" / "not-made-yet"
    assert client.get("/readyz").status_code == 200


@pytest.mark.parametrize("part", ["database", "cache", "storage"])
def test_not_ready_when_a_part_is_away_and_says_nothing_more(client, monkeypatch, settings, tmp_path, part):
    if part == "database":

        def refuse(*args, **kwargs):
            raise OperationalError("connection refused")

        monkeypatch.setattr(connections["default"], "cursor", refuse)
    elif part == "cache":

        def away(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to 10.0.0.9:6379")

        monkeypatch.setattr(caches["default"], "set", away)
    else:
        unmounted = tmp_path / "unmounted"
        unmounted.write_text("a file where the pictures' folder should be")
        settings.MEDIA_ROOT = unmounted / "media"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"not ready\n"
    assert "no-store" in response["Cache-Control"]


def test_probes_take_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    refused = client.post("/readyz")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD"
