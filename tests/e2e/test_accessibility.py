"""axe-core finds no serious or critical problem on the public pages; the FAQ works by keyboard."""

import pytest
from django.urls import reverse

from faq.models import FAQPage
from tests.site_pages import reader_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


@pytest.fixture
def page(open_page):
    """Pages that let the test inject axe-core past the site's Content-Security-Policy."""
    return open_page(bypass_csp=True)


def violations(page, axe):
    page.add_script_tag(path=str(axe))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['impact']}: {v['id']} ({len(v['nodes'])}) {v['nodes'][0]['target']}"
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("name", ["home", "article", "tag", "section", "author", "faq", "search"])
def test_public_page_has_no_serious_accessibility_violation(page, axe, site, name):
    page.goto(reader_pages(site, FAQPage.objects.get(slug="about"))[name])
    assert violations(page, axe) == []


def test_article_with_faq_open_has_no_serious_accessibility_violation(page, axe, site):
    page.goto(site.get_absolute_url())
    page.eval_on_selector_all("details.faq__entry", "els => els.forEach(e => e.open = true)")
    assert violations(page, axe) == []


def test_faq_accordion_opens_and_closes_with_the_keyboard(page, site):
    page.goto(site.get_absolute_url())
    first = page.locator("details.faq__entry").first
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('faq__question')"):
            break
    else:
        pytest.fail("the first FAQ question cannot be reached with Tab")
    assert not first.evaluate("d => d.open")
    page.keyboard.press("Enter")
    assert first.evaluate("d => d.open")
    assert first.locator(".faq__answer").is_visible()
    page.keyboard.press("Space")
    assert not first.evaluate("d => d.open")


def test_admin_article_form_accessibility_is_reported(page, axe, django_user_model, capsys):
    django_user_model.objects.create_superuser("writer", "w@example.com", "a-long-test-password")
    page.goto("/admin/login/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.goto(reverse("admin:articles_article_add"))
    page.wait_for_selector(".ck-editor__editable")
    found = violations(page, axe)
    with capsys.disabled():
        print(f"\naxe on the admin article form: {len(found)} serious/critical: {found}")
    assert page.locator("#id_headline").is_visible()
