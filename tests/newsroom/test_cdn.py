"""CDN purges: the request shapes Varnish, Fastly and Cloudflare document, sent after commit.

A local HTTP server stands in for each API and records what it receives;
these tests do not reach the real Fastly or Cloudflare services.
"""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from articles.models import Article
from newsroom.cdn import Cloudflare, Fastly, Varnish
from newsroom.models import PendingPurge
from tests.factories import make_article

pytestmark = pytest.mark.django_db


class Recorder(BaseHTTPRequestHandler):
    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.received.append((self.command, self.path, self.headers, body))
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    do_POST = do_PURGE = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    """A recording HTTP server on loopback; set ``api.status`` to make it fail."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.received, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def tags(count):
    return [f"article-{n}" for n in range(count)]


def test_varnish_gets_a_purge_with_the_tags_in_xkey_purge(api):
    Varnish([api.url]).purge(["article-1", "list-all"])
    [(method, path, headers, _)] = api.received
    assert (method, path) == ("PURGE", "/")
    assert headers["xkey-purge"] == "article-1 list-all"


def test_fastly_gets_batches_of_256_surrogate_keys(api):
    Fastly("svc123", "secret-token", api.url).purge(tags(300))
    assert [(method, path) for method, path, _, _ in api.received] == [("POST", "/service/svc123/purge")] * 2
    sizes = [len(headers["Surrogate-Key"].split(" ")) for _, _, headers, _ in api.received]
    assert sizes == [256, 44]
    assert {headers["Fastly-Key"] for _, _, headers, _ in api.received} == {"secret-token"}


def test_cloudflare_gets_batches_of_100_tags_as_json(api):
    Cloudflare("zone9", "cf-token", api.url).purge(tags(250))
    assert {(method, path) for method, path, _, _ in api.received} == {("POST", "/zones/zone9/purge_cache")}
    bodies = [json.loads(body) for _, _, _, body in api.received]
    assert [len(body["tags"]) for body in bodies] == [100, 100, 50]
    assert {headers["Authorization"] for _, _, headers, _ in api.received} == {"Bearer cf-token"}


@pytest.fixture
def fastly(settings, api):
    settings.NEWSROOM_CDN_PURGERS = ["fastly"]
    settings.NEWSROOM_CDN = {
        **settings.NEWSROOM_CDN,
        "FASTLY_SERVICE_ID": "svc",
        "FASTLY_API_TOKEN": "t",
        "FASTLY_API_URL": api.url,
    }
    return api


def test_an_edit_purges_its_tags_once_after_commit(fastly, committed):
    story = make_article("Bridge reopens", tags=["Bridges"])
    with committed():
        pass  # the story was saved before anyone read it
    fastly.received.clear()
    with committed():
        story.headline = "Bridge reopens early"
        story.save()
        story.tags.add("Tunnels")
        assert fastly.received == []  # nothing leaves before the commit
    [(_, _, headers, _)] = fastly.received
    keys = headers["Surrogate-Key"].split(" ")
    assert f"article-{story.pk}" in keys
    assert "list-tag-" + str(story.tags.get(name="Tunnels").pk) in keys


def test_a_cdn_that_is_down_never_fails_a_save_and_the_purge_is_retried(fastly, committed, caplog):
    story = make_article("Bridge reopens")
    with committed():
        pass  # the story was saved while the CDN was up
    fastly.status = 503
    with committed():
        story.status = Article.Status.DRAFT
        story.save()
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT
    [pending] = PendingPurge.objects.all()
    assert f"article-{story.pk}" in pending.tags
    assert "CDN purge by fastly failed" in caplog.text

    fastly.status = 200
    fastly.received.clear()
    out = io.StringIO()
    call_command("purge_cdn", stdout=out)
    assert "Sent 1 pending purge(s); 0 still failing." in out.getvalue()
    assert f"article-{story.pk}" in fastly.received[0][2]["Surrogate-Key"].split(" ")
    assert not PendingPurge.objects.exists()


def test_a_purge_still_failing_stays_pending_and_the_command_says_so(fastly):
    PendingPurge.objects.create(purger="fastly", tags=["article-1"])
    fastly.status = 500
    with pytest.raises(SystemExit):
        call_command("purge_cdn", stdout=io.StringIO())
    assert PendingPurge.objects.get().attempts == 2
