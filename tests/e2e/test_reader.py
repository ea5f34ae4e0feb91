"""Readers in a real browser: structured data, scheduling, navigation, small screens."""

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import FAQS
from tests.factories import make_article
from tests.helpers import faq_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_faq_jsonld_matches_what_the_reader_sees(page, site):
    page.goto(site.get_absolute_url())
    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "els => els.map(e => e.textContent)"
    )
    assert len(blocks) == 1
    graph = json.loads(blocks[0])["@graph"]
    questions = faq_questions(graph)
    as_text = "html => { const d = document.createElement('div'); d.innerHTML = html; return d.textContent }"
    marked_up = [(q["name"], page.evaluate(as_text, q["acceptedAnswer"]["text"])) for q in questions]
    visible = page.eval_on_selector_all(
        "details.faq__entry",
        "els => els.map(e => [e.querySelector('summary').textContent,"
        " e.querySelector('.faq__answer').textContent])",
    )
    assert [tuple(pair) for pair in visible] == marked_up
    assert [question for question, _ in marked_up] == [question for question, _ in FAQS]


def test_scheduled_article_appears_on_the_home_page_by_itself(page, site):
    when = timezone.now() + timedelta(seconds=3)
    make_article("Embargoed budget story", published_at=when)
    page.goto("/")
    assert "Embargoed budget story" not in page.inner_text("main")
    time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.5)
    page.reload()
    assert "Embargoed budget story" in page.inner_text("main")


def test_reader_walks_from_home_through_tags_also_read_author_and_section(page, site):
    page.goto("/")
    heading = page.locator("h1")
    page.click("text=Bridge opens on Monday")
    expect(heading).to_have_text("Bridge opens on Monday")
    assert page.problems.take() == []

    page.click(".tags >> text=Bridges")
    expect(heading).to_have_text("Bridges")
    assert page.problems.take() == []

    page.click("text=Bridge toll scrapped")
    expect(heading).to_have_text("Bridge toll scrapped")
    page.click(".also-read >> text=Bridge opens on Monday")
    expect(heading).to_have_text("Bridge opens on Monday")
    assert page.problems.take() == []

    page.click(".byline >> text=Ada Lane")
    expect(heading).to_have_text("Ada Lane")
    assert "Bridge toll scrapped" in page.inner_text("main")
    assert page.problems.take() == []

    page.click(".card .kicker a >> nth=0")
    expect(heading).to_have_text("City")
    assert "Bus routes change" in page.inner_text("main")
    assert "Festival line-up" not in page.inner_text("main")
    assert page.problems.take() == []

    page.fill("#site-search-q", "years")  # a word only in the lead story's body
    page.press("#site-search-q", "Enter")
    expect(heading).to_have_text("Search results for “years”")
    page.click(".search-results >> text=Bridge opens on Monday")
    expect(heading).to_have_text("Bridge opens on Monday")
    assert page.problems.take() == []


def test_article_fits_a_small_screen(open_page, site, artifacts):
    page = open_page(375, 812)
    page.goto(site.get_absolute_url())
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page scrolls sideways: {widths}"
    overflowing = page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => i.getBoundingClientRect().right > window.innerWidth).map(i => i.src)"
    )
    assert overflowing == []
    assert page.locator(".article__hero img").bounding_box()["width"] > 300
    page.screenshot(path=artifacts / "article-375.png", full_page=True)
    page.goto("/")
    page.screenshot(path=artifacts / "home-375.png", full_page=True)


def test_desktop_screenshots(page, site, artifacts):
    page.goto(site.get_absolute_url())
    page.screenshot(path=artifacts / "article-1280.png", full_page=True)
    page.goto("/")
    page.screenshot(path=artifacts / "home-1280.png", full_page=True)
    assert (artifacts / "home-1280.png").stat().st_size > 10_000


def test_unknown_page_is_a_styled_404(page):
    response = page.goto(reverse("articles:section", kwargs={"slug": "no-such-section"}))
    assert response.status == 404
    assert "couldn't find that page" in page.inner_text("h1")
