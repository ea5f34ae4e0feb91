"""Redis stops and comes back: readers keep getting pages, and the cache is used again.

gunicorn on loopback with its own Redis (no persistence, a port of its own),
which the test stops and starts again.
"""

import shutil

import pytest

from bench.serving import start_gunicorn, start_redis, stop_gunicorn
from tests.servers import (
    Browser,
    fresh_database,
    require,
    require_services,
    run_django,
    server_env,
)

pytestmark = pytest.mark.servers

APP_PORT, REDIS_PORT = 8151, 6391

STORY = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section
section = Section.objects.create(name="City", slug="city")
author = Author.objects.create(name="Ada Lane", slug="ada-lane")
article = Article.objects.create(
    headline="Harbour wall repaired", slug="harbour-wall", standfirst="What happened.", body="<p>Story.</p>",
    section=section, status="published", published_at=timezone.now() - timedelta(hours=1),
)
ArticleAuthor.objects.create(article=article, author=author)
print(article.pk, article.get_absolute_url())
"""


def stop_redis(process):
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def site():
    require_services()
    require(shutil.which("redis-server"), "needs redis-server: apt-get install redis-server")
    database_url = fresh_database("newsroom_cache_outage")
    # Every copy a process keeps is checked against Redis before use (production: a copy confirmed
    # in the last 50 ms is served unchecked), so the first request after Redis stops meets the outage.
    env = server_env(database_url, f"redis://127.0.0.1:{REDIS_PORT}/0", NEWSROOM_LOCAL_RECHECK_MS="0")
    state = {"env": env, "browser": Browser(APP_PORT), "redis": start_redis(REDIS_PORT)}
    pk, state["url"] = run_django(env, STORY).split()
    state["pk"] = int(pk)
    app = start_gunicorn(APP_PORT, env)
    try:
        yield state
    finally:
        stop_gunicorn(app)
        if state["redis"].poll() is None:
            stop_redis(state["redis"])


def test_readers_get_pages_while_redis_is_down_and_hits_once_it_is_back(site):
    browser, url = site["browser"], site["url"]
    browser.get(url)
    assert browser.get(url).header("X-Cache") == "HIT"

    stop_redis(site["redis"])
    down = [browser.get(path) for path in (url, "/", "/city/", url)]
    assert [response.status for response in down] == [200, 200, 200, 200]
    assert all(response.header("X-Cache") is None for response in down)  # rendered, not cached
    # An editor's save while the cache is away still goes through.
    site_env = site["env"]
    run_django(
        site_env,
        f"""
        from articles.models import Article
        article = Article.objects.get(pk={site["pk"]})
        article.headline = "Harbour wall repaired in a week"
        article.save()
    """,
    )
    assert "Harbour wall repaired in a week" in browser.get(url).text

    site["redis"] = start_redis(REDIS_PORT)
    browser.get(url)
    back = browser.get(url)
    assert back.status == 200
    assert back.header("X-Cache") == "HIT"
    assert "Harbour wall repaired in a week" in back.text
