"""Read replicas: readers read from a real streaming replica, and nobody misses a change.

A PostgreSQL primary and a replica made from it with pg_basebackup run on
loopback, with two gunicorn servers and Redis. Holding the replica's replay
makes it visibly behind: a change written straight to the primary (without
dropping any page) shows whom each request reads from.
"""

import pytest

from bench.serving import ReplicatedPostgres, manage, start_gunicorn, stop_gunicorn
from tests.servers import EDITOR, Browser, flush_redis, one_story, require_services, run_django, server_env

pytestmark = pytest.mark.servers

PRIMARY_PORT, REPLICA_PORT = 5441, 5442
PORTS = (8181, 8182)
REDIS_URL = "redis://127.0.0.1:6379/11"


class Site:
    def __init__(self, postgres, env, story):
        self.postgres, self.env = postgres, env
        self.pk, self.url = story
        self.looks = 0

    def quietly(self, standfirst):
        """Change the story on the primary without dropping any cached page."""
        run_django(
            self.env,
            f"from articles.models import Article\n"
            f"Article.objects.filter(pk={self.pk}).update(standfirst={standfirst!r})",
        )

    def look(self, browser):
        """The story as ``browser`` gets it, rendered now (a query string no page has yet)."""
        self.looks += 1
        page = browser.get(f"{self.url}?look={self.looks}")
        assert page.status == 200
        return page.text


@pytest.fixture(scope="module")
def site():
    require_services()
    postgres = ReplicatedPostgres(PRIMARY_PORT, REPLICA_PORT)
    servers = []
    try:
        postgres.sql("primary", "CREATE DATABASE newsroom")
        flush_redis(REDIS_URL)
        env = server_env(postgres.url("primary"), REDIS_URL, DATABASE_REPLICA_URLS=postgres.url("replica"))
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        story = one_story(env, "Tram line reaches the harbour", "tram-line", "Trams from May.")
        postgres.caught_up()
        servers = [start_gunicorn(port, env) for port in PORTS]
        yield Site(postgres, env, story)
    finally:
        for process in servers:
            stop_gunicorn(process)
        postgres.close()


@pytest.fixture
def held_replica(site):
    """The replica, caught up and then holding its replay until the test ends."""
    site.postgres.caught_up()
    site.postgres.pause()
    try:
        yield site.postgres
    finally:
        site.postgres.resume()
        site.postgres.caught_up()


def staff_browser(port):
    browser = Browser(port)
    browser.log_in(*EDITOR)
    return browser


def test_readers_read_from_the_replica_and_staff_from_the_primary(site, held_replica):
    site.quietly("Trams from June, the council now says.")
    assert "Trams from May." in site.look(Browser(PORTS[1]))  # the replica has not replayed it
    assert "Trams from June" in site.look(staff_browser(PORTS[0]))  # signed in: the primary

    held_replica.resume()
    held_replica.caught_up()
    assert "Trams from June" in site.look(Browser(PORTS[1]))


def test_an_edit_is_seen_by_its_editor_and_by_every_reader_while_the_replica_lags(site, held_replica):
    editor = staff_browser(PORTS[0])
    for server in PORTS:
        assert Browser(server).get(site.url).status == 200  # cached on both before the edit
    change = f"/admin/articles/article/{site.pk}/change/"
    fields = [(n, v) for n, v in editor.form_values(change, "article_form") if n != "headline"]
    saved = editor.post_multipart(change, [*fields, ("headline", "Tram line reaches the ferry port")], {})
    assert saved.status == 302, saved.text[:1000]
    assert "Max-Age=5" in saved.header("Set-Cookie")

    assert "Tram line reaches the ferry port" in Browser(PORTS[1]).get(site.url).text
    # Rendered from the primary (the replica has not replayed the edit) and kept for everyone:
    for server in PORTS:
        page = Browser(server).get(site.url)
        assert "Tram line reaches the ferry port" in page.text
        assert "Tram line reaches the harbour" not in page.text
    held_replica.resume()
    held_replica.caught_up()
    assert "Tram line reaches the ferry port" in Browser(PORTS[0]).get(site.url).text


def test_a_browser_that_changed_something_reads_from_the_primary_for_a_few_seconds(site, held_replica):
    editor = staff_browser(PORTS[0])
    token = [("csrfmiddlewaretoken", editor.cookies["csrftoken"])]
    logged_out = editor.post_multipart("/admin/logout/", token, {})
    assert logged_out.status == 200
    assert "sessionid" not in editor.cookies or not editor.cookies["sessionid"]
    pinned = Browser(PORTS[1])
    pinned.cookies = {"newsroom_primary": editor.cookies["newsroom_primary"]}
    site.quietly("Trams from July, after a delay.")
    assert "Trams from July" in site.look(pinned)  # just changed something: the primary
    assert "Trams from July" not in site.look(Browser(PORTS[1]))  # anyone else: the replica


def test_readers_are_served_from_the_primary_while_the_replica_is_away(site):
    site.postgres.stop("replica")
    try:
        site.quietly("Trams from August.")
        for port in PORTS:
            assert "Trams from August." in site.look(Browser(port))
            ready = Browser(port).get("/readyz")
            assert (ready.status, ready.body) == (200, b"ready\n")  # the primary serves its readers
    finally:
        site.postgres.start("replica")
        site.postgres.caught_up()


def test_a_readers_read_count_and_pages_send_no_cookie(site):
    reader = Browser(PORTS[1])
    counted = reader.request("POST", f"/read/{site.pk}/", headers={"User-Agent": "Mozilla/5.0 (X11; Linux)"})
    assert counted.status == 204
    page = reader.get(site.url)
    assert page.status == 200
    assert counted.header("Set-Cookie") is None
    assert page.header("Set-Cookie") is None
    assert reader.cookies == {}
