"""A real Chromium, driven by Playwright, against the site served by live_server.

Chromium is Debian's (/usr/bin/chromium, or NEWSROOM_CHROMIUM). Without it
the browser tests skip with one line saying how to enable them, except when
NEWSROOM_REQUIRE_BROWSER=1 (CI sets it): then a missing browser fails.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import image_upload, make_article, make_author, make_faq_page, make_section

# Playwright's sync API keeps an event loop in the test thread; the ORM calls
# the tests make around it are plain synchronous calls all the same.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def missing(what):
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} (NEWSROOM_REQUIRE_BROWSER=1)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"browser tests need Chromium at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class PageProblems:
    """Console errors and failed requests seen by one page.

    A request the browser cancels because the page moved on (a click that
    navigates while pictures are still loading: ``net::ERR_ABORTED``) is not
    a failure; the same cancellation with the page still showing the document
    that asked for it is.
    """

    ABORTED = "net::ERR_ABORTED"

    def __init__(self, page):
        self.errors = []
        self.document = 0  # how many times the main frame has navigated
        self.asked_by = {}  # request -> the document that made it
        self.aborted = []  # (document, url)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("framenavigated", lambda frame: frame == page.main_frame and self._navigated())
        page.on("request", lambda request: self.asked_by.__setitem__(request, self.document))
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.errors.append(f"{response.status}: {response.url}")
            ),
        )

    def _navigated(self):
        self.document += 1

    def _failed(self, request):
        if request.failure == self.ABORTED:
            self.aborted.append((self.asked_by.pop(request, self.document), request.url))
        else:
            self.errors.append(f"failed ({request.failure}): {request.url}")

    def take(self):
        cancelled_in_view = [f"failed (cancelled): {url}" for d, url in self.aborted if d == self.document]
        seen, self.errors, self.aborted = self.errors + cancelled_in_view, [], []
        return seen


@pytest.fixture
def open_page(browser, live_server):
    """Open a page in a fresh browser context: ``open_page(width=1280, height=900, color_scheme="dark")``."""
    contexts = []

    def opener(width=1280, height=900, bypass_csp=False, color_scheme="light"):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            bypass_csp=bypass_csp,
            color_scheme=color_scheme,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.problems = PageProblems(page)
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def axe():
    if not AXE.exists():
        missing("accessibility tests need axe-core: cd tests/e2e && npm ci")
    return AXE


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


FAQS = [
    ("When does the bridge open?", "<p>On <strong>Monday</strong> at 06:00.</p>"),
    ("Can cyclists use it?", "<p>Yes:</p><ul><li>on the east lane</li><li>all day</li></ul>"),
    ("Is there a toll?", '<p>No. See the <a href="https://example.com/tolls">council notice</a>.</p>'),
]


@pytest.fixture
def site():
    """A small newsroom: two sections, two authors, stories linked by tags."""
    city, culture = make_section("City"), make_section("Culture")
    ada = make_author(
        "Ada Lane",
        job_title="Transport editor",
        bio="<p>Ada covers roads, rail and the bridges in between.</p>",
        photo=image_upload("ada.jpg", size=(480, 480)),
    )
    ben = make_author("Ben Ortiz")
    now = timezone.now()
    lead = make_article(
        "Bridge opens on Monday",
        section=city,
        authors=[ada],
        tags=["Bridges", "Transport"],
        faqs=FAQS,
        body="<p>The bridge opens after two years.</p><h2>Getting there</h2><p>Take the 4 bus.</p>",
        published_at=now - timedelta(hours=1),
        hero=True,
        hero_alt="The new bridge at dawn",
    )
    make_article(
        "Bus routes change",
        section=city,
        authors=[ben],
        tags=["Transport"],
        published_at=now - timedelta(hours=3),
    )
    make_article(
        "Bridge toll scrapped",
        section=city,
        authors=[ada],
        tags=["Bridges"],
        published_at=now - timedelta(hours=5),
        hero=True,
        hero_alt="The new bridge at dawn",
    )
    make_article(
        "Festival line-up",
        section=culture,
        authors=[ben],
        tags=["Music"],
        published_at=now - timedelta(hours=2),
    )
    make_faq_page("About us", faqs=FAQS[:2], slug="about")
    return lead
