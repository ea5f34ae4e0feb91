"""A live story in a real browser: new updates arrive without a reload; without script it reads whole."""

import pytest
from playwright.sync_api import expect

from articles.models import LiveUpdate
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_story(settings):
    settings.NEWSROOM_LIVE_POLL_SECONDS = 1
    story = make_article("Storm reaches the coast", live=True)
    LiveUpdate.objects.create(article=story, text="Winds reach 90 km/h at the harbour.")
    return story


def test_a_new_update_arrives_without_a_reload(open_page, live_story, artifacts):
    page = open_page()
    page.goto(live_story.get_absolute_url())
    expect(page.locator("li.live__update")).to_have_count(1)
    page.evaluate("window.notReloaded = true")
    LiveUpdate.objects.create(article=live_story, text="The coast road is closed.", key_event=True)
    expect(page.locator("li.live__update").first).to_contain_text("The coast road is closed.", timeout=15_000)
    expect(page.locator(".live__news")).to_have_text("1 new update")
    assert page.evaluate("window.notReloaded") is True
    page.screenshot(path=str(artifacts / "live-story.png"), full_page=True)
    assert page.problems.take() == []


def test_without_script_the_story_reads_whole(browser, live_server, live_story):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        LiveUpdate.objects.create(article=live_story, text="Ferries stop for the night.")
        page.goto(live_story.get_absolute_url())
        updates = page.locator("li.live__update")
        expect(updates).to_have_count(2)
        expect(updates.first).to_contain_text("Ferries stop for the night.")
        expect(page.locator("h1")).to_have_text("Storm reaches the coast")
    finally:
        context.close()
