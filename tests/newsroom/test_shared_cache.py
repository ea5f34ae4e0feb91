"""Two gunicorn servers share one cache: after any write every read from either is fresh.

Each scenario runs twice: the servers sharing PostgreSQL and Redis, then
sharing PostgreSQL with the database cache (the default without REDIS_URL).
Writes come from the admin through one server and from a separate
``manage.py``-style process; pages that do not show what changed stay cached.
"""

import threading
import time
from datetime import timedelta

import pytest

from bench.serving import start_gunicorn, stop_gunicorn
from tests.servers import Browser, flush_redis, fresh_database, require_services, run_django, server_env

pytestmark = pytest.mark.servers

REDIS_URL = "redis://127.0.0.1:6379/13"
PORTS = {"redis": (8121, 8122), "database": (8123, 8124)}

SETUP = """
from django.contrib.auth import get_user_model
from django.core.cache import cache
cache.clear()
get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
"""

STORY = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section
section, _ = Section.objects.get_or_create(slug={section!r}, defaults={{"name": {section!r}.title()}})
author, _ = Author.objects.get_or_create(slug={author!r}, defaults={{"name": {author!r}.title()}})
article = Article.objects.create(
    headline={headline!r}, slug={slug!r}, standfirst="What happened.", body="<p>The story.</p>",
    section=section, status="published", published_at=timezone.now() + timedelta(seconds={delay}),
)
ArticleAuthor.objects.create(article=article, author=author)
article.tags.add({tag!r})
print(article.pk, article.get_absolute_url())
"""


class Site:
    """Two servers on one database and one cache, and a way to write from outside them."""

    def __init__(self, env, ports):
        self.env = env
        self.servers = [Browser(port) for port in ports]
        self.count = 0

    def story(self, headline, section="city", tag="harbour", author="ada-lane", delay=-60):
        self.count += 1
        slug = f"story-{self.count}-{int(time.time() * 1000)}"
        code = STORY.format(
            headline=headline, slug=slug, section=section, tag=tag, author=author, delay=delay
        )
        pk, url = run_django(self.env, code).split()
        return int(pk), url

    def shell(self, code):
        return run_django(self.env, code)

    def read_everywhere(self, path):
        return [server.get(path) for server in self.servers]


@pytest.fixture(scope="module", params=["redis", "database"])
def site(request):
    require_services()
    backend = request.param
    database_url = fresh_database(f"newsroom_shared_cache_{backend}")
    redis_url = REDIS_URL if backend == "redis" else None
    if redis_url:
        flush_redis(redis_url)
    # Copies confirmed within a second are used unchecked (production: 50 ms), so a save that
    # did not outwait them would be seen stale here, well past the admin's own answer time.
    env = server_env(database_url, redis_url, NEWSROOM_LOCAL_RECHECK_MS="1000")
    run_django(env, SETUP)
    processes = [start_gunicorn(port, env) for port in PORTS[backend]]
    try:
        yield Site(env, PORTS[backend])
    finally:
        for process in processes:
            stop_gunicorn(process)


def warm(site, *paths):
    for path in paths:
        for response in site.read_everywhere(path):
            assert response.status == 200, path


def test_unpublishing_in_the_admin_of_one_server_is_gone_from_both(site):
    pk, url = site.story("Council closes the ferry pier", section="city", tag="ferries", author="ada-lane")
    _, other = site.story("Museum opens a new wing", section="culture", tag="museums", author="bo-chen")
    warm(site, "/", url, other, "/city/", "/tag/ferries/", "/author/ada-lane/")

    editor = Browser(site.servers[0].port)
    editor.log_in("editor", "pw-for-tests-only")
    response = editor.post_form(
        "/admin/articles/article/", {"action": "unpublish", "_selected_action": [str(pk)], "index": "0"}
    )
    assert response.status == 302

    for response in site.read_everywhere(url):
        assert response.status == 404
    for path in ("/", "/city/", "/author/ada-lane/"):
        for response in site.read_everywhere(path):
            assert "Council closes the ferry pier" not in response.text, path
    for response in site.read_everywhere(other):
        assert response.header("X-Cache") == "HIT"


def test_a_page_read_without_pause_is_gone_from_both_as_soon_as_unpublishing_returns(site):
    # Readers keep every worker's copy of the page confirmed a few milliseconds ago, so each
    # worker would serve it without asking the shared cache; the save must outwait that.
    pk, url = site.story("Lifeboat crew honoured", section="city", tag="lifeboats", author="ada-lane")
    warm(site, url)
    stop = threading.Event()

    def keep_reading(port):
        reader = Browser(port)
        while not stop.is_set():
            reader.get(url)

    readers = [threading.Thread(target=keep_reading, args=(server.port,)) for server in site.servers * 2]
    for reader in readers:
        reader.start()
    try:
        time.sleep(0.5)
        editor = Browser(site.servers[0].port)
        editor.log_in("editor", "pw-for-tests-only")
        response = editor.post_form(
            "/admin/articles/article/", {"action": "unpublish", "_selected_action": [str(pk)], "index": "0"}
        )
        assert response.status == 302
        for _ in range(4):  # every worker of both servers, while the readers go on
            for answer in site.read_everywhere(url):
                assert answer.status == 404
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=10)


def test_an_edit_from_a_separate_process_shows_on_both_servers(site):
    pk, url = site.story("Tram line reaches the harbour", section="transport", tag="trams", author="cy-dunn")
    _, other = site.story("Orchestra names a conductor", section="music", tag="orchestras", author="di-emre")
    warm(site, "/", url, other, "/transport/", "/tag/trams/", "/music/")

    site.shell(f"""
        from articles.models import Article
        article = Article.objects.get(pk={pk})
        article.headline = "Tram line reaches the harbour a year early"
        article.save()
    """)

    for path in (url, "/", "/transport/", "/tag/trams/"):
        for response in site.read_everywhere(path):
            assert "Tram line reaches the harbour a year early" in response.text, path
    for path in (other, "/music/"):
        for response in site.read_everywhere(path):
            assert response.header("X-Cache") == "HIT", path


def test_a_scheduled_story_appears_on_both_servers_when_its_time_comes(site):
    site.story("Bridge inspection begins", section="city", tag="bridges")
    started = time.monotonic()  # saves here outwait the servers' copies, a second each
    _, url = site.story("Embargoed budget report", section="city", tag="bridges", delay=8)
    due = time.monotonic() + 8  # not before the embargo: the story got its time during the call
    warm(site, "/", "/city/", "/tag/bridges/")
    assert time.monotonic() < started + 7.5, "setting up took longer than the embargo"
    for response in site.read_everywhere("/"):
        assert "Embargoed budget report" not in response.text
    time.sleep(max(0.0, due - time.monotonic()) + 0.5)
    for path in ("/", "/city/", "/tag/bridges/", url):
        for response in site.read_everywhere(path):
            assert response.status == 200, path
            assert "Embargoed budget report" in response.text, path


def test_readers_of_a_dropped_page_wait_for_one_render(site):
    pk, url = site.story("Harbour festival returns", section="events", tag="festivals")
    warm(site, url)
    site.shell(f"""
        from articles.models import Article
        Article.objects.get(pk={pk}).save()
    """)
    answers, start = [], threading.Barrier(12)

    def read(server):
        start.wait()
        answers.append(server.get(url))

    readers = [threading.Thread(target=read, args=(site.servers[n % 2],)) for n in range(12)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(timeout=timedelta(seconds=30).total_seconds())
    assert [answer.status for answer in answers] == [200] * 12
    assert sorted(answer.header("X-Cache") for answer in answers) == ["HIT"] * 11 + ["MISS"]
