"""Every reader page at phone and desktop widths, light and dark, saved for people to look at.

The screenshots go to test-artifacts/screens/ (git-ignored). Each test also
checks what a reader would notice first: nothing wider than the screen, the
theme following the system setting, every picture loaded, and on the article
the FAQ opening and the Also Read list in view.
"""

import pytest

from faq.models import FAQPage
from tests.site_pages import pick, reader_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")


def screenshot_pages(article):
    pages = reader_pages(article, FAQPage.objects.get(slug="about"))
    return {**pick(pages, "home", "article", "tag", "author", "search", "faq"), "not-found": "/no-such-page/"}


def settle(page):
    """Scroll through the page so lazy pictures load, then wait for every picture."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 500) {
                window.scrollTo(0, y);
                await new Promise(done => setTimeout(done, 30));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_function("Array.from(document.images).every(image => image.complete)")


def page_background_is_dark(page):
    return page.evaluate(
        """() => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) < 128;
        }"""
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_reader_pages_fit_the_screen_and_follow_the_colour_scheme(open_page, artifacts, site, width, scheme):
    page = open_page(width=width, height=900, color_scheme=scheme)
    folder = artifacts / "screens"
    folder.mkdir(exist_ok=True)
    for name, path in screenshot_pages(site).items():
        response = page.goto(path)
        assert response.status == (404 if name == "not-found" else 200), name
        settle(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
        assert page_background_is_dark(page) is (scheme == "dark"), name
        broken = page.evaluate("Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)")
        assert broken == [], name
        page.screenshot(path=folder / f"{name}-{width}-{scheme}.png", full_page=True)
        if name == "article":
            answer = page.locator(".faq__answer").first
            assert not answer.is_visible()
            page.locator(".faq__question").first.click()
            assert answer.is_visible()
            page.screenshot(path=folder / f"article-faq-open-{width}-{scheme}.png", full_page=True)
            also_read = page.locator(".also-read")
            also_read.scroll_into_view_if_needed()
            assert also_read.locator(".also-read__thumb img").count() >= 1
            also_read.screenshot(path=folder / f"article-also-read-{width}-{scheme}.png")
        problems = page.problems.take()
        if name == "not-found":  # the page's own status, reported by the browser
            problems = [problem for problem in problems if "404" not in problem]
        assert problems == [], name
