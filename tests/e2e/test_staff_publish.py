"""A writer publishes an article with CKEditor and an FAQ section, in a real browser."""

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAQ = "faq-faqentry-content_type-object_id"


def log_in(page, django_user_model):
    django_user_model.objects.create_superuser("writer", "writer@example.com", "a-long-test-password")
    page.goto("/admin/login/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def choose(page, field_id, text):
    """Pick ``text`` in an autocomplete (select2) field."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def write_body(page):
    editor = page.locator(".field-body .ck-editor__editable")
    editor.click()
    page.click(".field-body .ck-heading-dropdown button")
    page.click(".field-body .ck-heading-dropdown .ck-heading_heading2")
    page.keyboard.type("What changes")
    page.keyboard.press("Enter")
    page.keyboard.type("The ferry runs ")
    page.keyboard.press("Control+B")
    page.keyboard.type("every hour")
    page.keyboard.press("Control+B")
    page.keyboard.type(" from May. See the ")
    # The link dialog inserts the link text itself, so no selection can be typed over.
    page.keyboard.press("Control+K")
    page.get_by_role("textbox", name="Displayed text").fill("timetable")
    url = page.get_by_role("textbox", name="Link URL")
    url.fill("https://example.com/timetable")
    url.press("Enter")
    page.wait_for_selector(".field-body .ck-editor__editable a[href='https://example.com/timetable']")
    page.wait_for_function("() => document.activeElement.classList.contains('ck-editor__editable')")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.click(".field-body button[data-cke-tooltip-text='Bulleted List']")
    page.keyboard.type("Sundays included")
    page.keyboard.press("Enter")
    page.keyboard.type("Bikes go free")


def add_faq(page, index, question, answer, position):
    page.click(f"#{FAQ}-group .add-row a")
    form = page.locator(f"#{FAQ}-{index}")
    form.locator(f"#id_{FAQ}-{index}-question").fill(question)
    form.locator(".ck-editor__editable").click()
    page.keyboard.type(answer)
    form.locator(f"#id_{FAQ}-{index}-position").fill(str(position))


def test_writer_drafts_then_publishes_an_article_readers_see_in_full(page, open_page, django_user_model):
    section = make_section("Harbour")
    make_author("Ada Lane")
    make_article("Older ferry story", section=section, tags=["Ferries"])

    log_in(page, django_user_model)
    page.goto("/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially("Ferries every hour from May")
    page.fill("#id_standfirst", "The harbour service doubles on weekdays.")
    write_body(page)
    choose(page, "id_section", "Harbour")
    page.fill("#id_tags", "Ferries, Transport, Harbour")
    choose(page, "id_bylines-0-author", "Ada Lane")
    add_faq(page, 0, "When does it start?", "On the first of May.", 2)
    add_faq(page, 1, "Will this be removed?", "Yes.", 5)
    add_faq(page, 2, "Do bikes pay?", "No, bikes go free.", 1)
    page.click(f"#{FAQ}-1 .inline-deletelink")  # the writer drops the second question
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get(slug="ferries-every-hour-from-may")
    assert article.status == Article.Status.DRAFT
    assert '<a href="https://example.com/timetable" rel="noopener">timetable</a>' in article.body
    reader = open_page()
    assert reader.goto(article.get_absolute_url()).status == 404

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    reader.goto(article.get_absolute_url())
    body = reader.locator(".article__body")
    assert body.locator("h2").inner_text() == "What changes"
    assert body.locator("strong").inner_text() == "every hour"
    link = body.locator("a")
    assert link.inner_text() == "timetable"
    assert link.get_attribute("href") == "https://example.com/timetable"
    assert body.locator("ul li").all_inner_texts() == ["Sundays included", "Bikes go free"]
    assert reader.locator(".faq__question").all_inner_texts() == ["Do bikes pay?", "When does it start?"]
    assert "Older ferry story" in reader.locator(".also-read").inner_text()
    assert reader.locator(".byline").inner_text() == "By Ada Lane"
