"""The desk in a real browser: review, compare and restore, a correction, and two editors on one story."""

import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(django_user_model):
    """``staff("wendy", "Writers")``: a staff account in a role."""
    call_command("setup_roles", stdout=io.StringIO())

    def make(name, group):
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def signed_in(open_page, user):
    page = open_page()
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def change_page(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_a_story_goes_round_review_and_out_to_readers(open_page, staff, artifacts):
    wendy, eddie = staff("wendy", "Writers"), staff("eddie", "Editors")
    story = make_article("Night buses return", status=Article.Status.DRAFT, created_by=wendy)
    writer, editor, reader = signed_in(open_page, wendy), signed_in(open_page, eddie), open_page()

    writer.goto(change_page(story))
    writer.click("input[name=_submit_review]")
    expect(writer.locator(".messagelist")).to_contain_text("was changed successfully")

    editor.goto("/admin/")
    editor.screenshot(path=str(artifacts / "desk-editor-dashboard.png"), full_page=True)
    editor.locator("#desk-dashboard section", has_text="In review").get_by_role(
        "link", name="Night buses return"
    ).click()
    editor.fill("#id_note_to_writer", "Say which routes come back first.")
    editor.click("input[name=_send_back]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    writer.goto("/admin/")
    expect(writer.locator("#desk-dashboard")).to_contain_text("Sent back: Say which routes come back first.")
    writer.screenshot(path=str(artifacts / "desk-writer-dashboard.png"), full_page=True)
    writer.goto(change_page(story))
    expect(writer.locator(".desk-notice--note")).to_contain_text("Say which routes come back first.")
    writer.fill("#id_headline", "Night buses return on routes 4 and 9")
    writer.click("input[name=_submit_review]")
    expect(writer.locator(".messagelist")).to_contain_text("was changed successfully")

    response = reader.goto(story.get_absolute_url())
    assert response.status == 404
    reader.problems.take()  # that 404 was the point

    editor.goto(change_page(story))
    expect(editor.locator("#id_headline")).to_have_value("Night buses return on routes 4 and 9")
    editor.screenshot(path=str(artifacts / "desk-editor-review.png"), full_page=True)
    editor.click("input[name=_approve]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    response = reader.goto(story.get_absolute_url())
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text("Night buses return on routes 4 and 9")
    for page in (writer, editor, reader):
        assert page.problems.take() == []


def test_an_editor_compares_two_revisions_and_restores_the_older(open_page, staff, artifacts):
    eddie = staff("eddie", "Editors")
    story = make_article("Library opens late", body="<p>The library opens until nine on Thursdays.</p>")
    editor, reader = signed_in(open_page, eddie), open_page()
    editor.goto(change_page(story))
    editor.click("input[name=_continue]")
    editor.fill("#id_headline", "Library opens later")
    editor.click("input[name=_continue]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    editor.get_by_role("link", name="Revisions").click()
    rows = editor.locator("#revision-list tbody tr")
    expect(rows).to_have_count(2)
    editor.click("text=Compare the chosen revisions")
    headline = editor.locator("table.compare tr", has_text="Headline")
    expect(headline.locator("del")).to_have_text("late")
    expect(headline.locator("ins")).to_have_text("later")
    editor.screenshot(path=str(artifacts / "desk-compare.png"), full_page=True)

    editor.go_back()
    rows.nth(1).get_by_role("button", name="Restore this revision").click()
    expect(editor.locator(".messagelist")).to_contain_text("Restored")
    expect(editor.locator("#id_headline")).to_have_value("Library opens late")
    reader.goto(story.get_absolute_url())
    expect(reader.locator("h1")).to_have_text("Library opens late")
    editor.get_by_role("link", name="Revisions").click()
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Restored the revision of")
    assert editor.problems.take() == []


def test_a_correction_reaches_the_story_and_its_structured_data(open_page, staff):
    eddie = staff("eddie", "Editors")
    story = make_article("Pool reopens in March")
    editor, reader = signed_in(open_page, eddie), open_page()
    editor.goto(change_page(story))
    editor.locator("#corrections-group .add-row a").click()
    editor.fill("#id_corrections-0-text", "An earlier version gave the wrong month for the reopening.")
    editor.click("input[name=_save]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    reader.goto(story.get_absolute_url())
    expect(reader.locator("main")).to_contain_text(
        "An earlier version gave the wrong month for the reopening."
    )
    graph = json.loads(reader.locator("script[type='application/ld+json']").text_content())["@graph"]
    (article,) = [node for node in graph if node["@type"] == "NewsArticle"]
    assert article["correction"][0]["@type"] == "CorrectionComment"
    assert article["correction"][0]["text"] == "An earlier version gave the wrong month for the reopening."
    assert reader.problems.take() == []


def test_two_editors_see_each_other_and_a_newer_save_before_overwriting(open_page, staff):
    eddie, erin = staff("eddie", "Editors"), staff("erin", "Editors")
    story = make_article("Market moves indoors")
    first, second = signed_in(open_page, eddie), signed_in(open_page, erin)
    first.goto(change_page(story))
    second.goto(change_page(story))
    expect(second.locator(".desk-notice--others")).to_have_text("eddie also has this article open.")
    expect(first.locator(".desk-notice--others")).to_have_text(
        "erin also has this article open.", timeout=15_000
    )

    second.fill("#id_headline", "Market moves indoors for winter")
    second.click("input[name=_continue]")
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(first.locator(".desk-notice--newer")).to_contain_text("erin saved a newer version", timeout=15_000)

    first.fill("#id_headline", "Market stays outdoors")
    first.click("input[name=_save]")
    expect(first.locator(".errornote, .errorlist").first).to_be_visible()
    expect(first.locator("body")).to_contain_text("Someone else saved this article after you opened it.")
    story.refresh_from_db()
    assert story.headline == "Market moves indoors for winter"

    second.close()  # the page's goodbye takes erin off the notice at once
    first.reload()
    expect(first.locator(".desk-notice--others")).to_be_hidden(timeout=15_000)
