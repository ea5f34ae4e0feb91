"""The browser tests' own failure check: a picture cancelled because the reader moved on is no failure.

A small server on loopback holds a picture for a few seconds, so the browser
is still loading it when the test navigates away or stops the page.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.e2e.conftest import PageProblems

pytestmark = pytest.mark.browser

HOLD_SECONDS = 3
HEAD = b'<!doctype html><link rel="icon" href="data:,">'  # no favicon request
PAGES = {
    "/with-slow-picture.html": HEAD + b'<title>a</title><img src="/slow.png" alt="">',
    "/next.html": HEAD + b"<title>b</title><p>Next page</p>",
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow.png":
            time.sleep(HOLD_SECONDS)  # bounded: the server never holds a request longer
            self.send_response(404)
            self.end_headers()
            return
        body = PAGES.get(self.path, b"")
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = PageProblems(page)
    yield page, problems
    context.close()


def test_a_picture_cancelled_by_the_next_page_is_not_a_failure(tab, slow_site):
    page, problems = tab
    with page.expect_event("requestfailed") as cancelled:
        page.goto(f"{slow_site}/with-slow-picture.html", wait_until="domcontentloaded")
        page.goto(f"{slow_site}/next.html")
    assert cancelled.value.failure == PageProblems.ABORTED
    assert page.title() == "b"
    assert problems.take() == []


def test_a_picture_cancelled_on_the_page_that_asked_for_it_is_a_failure(tab, slow_site):
    page, problems = tab
    page.goto(f"{slow_site}/with-slow-picture.html", wait_until="domcontentloaded")
    with page.expect_event("requestfailed"):
        page.evaluate("window.stop()")
    assert problems.take() == [f"failed (cancelled): {slow_site}/slow.png"]
