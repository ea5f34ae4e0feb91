"""What the stylesheet promises: the story alone in print, a visible keyboard path, a readable measure."""

import pytest

from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_printed_article_has_no_navigation_shows_link_addresses_and_every_answer(page, site):
    article = make_article(
        "Council sets the budget",
        section=site.section,
        body='<p>Read the <a href="https://council.example/budget">full budget</a>.</p>',
        faqs=[("When does it start?", "<p>In April.</p>")],
    )
    page.emulate_media(media="print")
    page.goto(article.get_absolute_url())
    assert not page.locator(".masthead").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    link_after = page.eval_on_selector(".article__body a", "a => getComputedStyle(a, '::after').content")
    assert "https://council.example/budget" in link_after
    assert page.locator(".faq__answer").first.is_visible()  # closed on screen, printed open


def test_first_tab_reaches_a_visible_skip_link_and_focus_is_outlined(page, site):
    page.goto(site.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box["y"] >= 0
    assert box["height"] > 0
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_article_body_lines_hold_sixty_to_seventy_five_characters_on_a_desktop(open_page, site):
    article = make_article(
        "A long read",
        section=site.section,
        body="<p>"
        + " ".join(["The council met again on Tuesday to discuss the harbour plans."] * 12)
        + "</p>",
    )
    page = open_page(width=1280, height=900)
    page.goto(article.get_absolute_url())
    per_line = page.eval_on_selector(
        ".article__body p",
        """p => {
            const range = document.createRange();
            range.selectNodeContents(p);
            const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
            return p.textContent.length / lines;
        }""",
    )
    assert 60 <= per_line <= 75


def test_a_click_on_a_card_picture_or_an_also_read_thumbnail_opens_the_story(page, site):
    page.goto("/")
    # force: the mouse goes to the picture's place, where the headline's link lies on top of it.
    page.locator(".card:has-text('Bridge toll scrapped') .card__media").click(force=True)
    assert page.locator("h1").inner_text() == "Bridge toll scrapped"
    page.goto(site.get_absolute_url())
    page.locator(".also-read__item:has-text('Bridge toll scrapped') .also-read__thumb").click(force=True)
    assert page.locator("h1").inner_text() == "Bridge toll scrapped"
    page.goto(site.get_absolute_url())
    page.locator(".also-read__why a", has_text="Bridges").click()  # the tag links still work on top
    assert page.locator("h1").inner_text() == "Bridges"
