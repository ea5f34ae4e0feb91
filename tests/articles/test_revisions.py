"""Revisions: every save keeps what readers see; staff compare any two and restore one."""

import pytest
from django.urls import reverse

from articles import compare, revisions
from articles.models import AlsoReadPin, Article, AuditEntry, RevisionContent
from tests.admin_forms import FAQ_PREFIX, change_data, change_url
from tests.factories import make_article, make_author, make_faq

pytestmark = pytest.mark.django_db


def history_of(article):
    return list(revisions.history(article))


def saved_twice(client, article, **second):
    """Save ``article`` through its page as it is, then with ``second``; its two revisions, oldest first."""
    client.post(change_url(article), change_data(client, article))
    article.refresh_from_db()
    client.post(change_url(article), change_data(client, article, **second))
    return history_of(article)[::-1]


def test_every_save_in_the_admin_keeps_a_revision_with_who_and_what(editor):
    article = make_article(
        "Tram fares rise", tags=["Trams", "Fares"], faqs=[("By how much?", "<p>Ten pence.</p>")]
    )
    pin = make_article("Bus fares too")
    AlsoReadPin.objects.create(article=article, pinned=pin)
    editor.post(change_url(article), change_data(editor, article, headline="Tram fares rise in May"))
    (content,) = history_of(article)
    assert content.revision.user == editor.user
    assert "headline" in content.revision.comment
    state = revisions.state_of_revision(content)
    assert state["fields"]["headline"] == "Tram fares rise in May"
    assert state["tags"] == ["Fares", "Trams"]
    assert state["faq"] == [{"question": "By how much?", "answer": "<p>Ten pence.</p>"}]
    assert [b["name"] for b in state["bylines"]] == [a.name for a in article.ordered_authors]
    assert state["pins"] == [{"article": pin.pk, "headline": "Bus fares too"}]
    assert state["fields"]["status"] == "published"


def test_the_compare_page_shows_word_level_changes_side_by_side(editor):
    article = make_article("Tram fares rise", body="<p>Fares rise by ten pence in May.</p>")
    old, new = saved_twice(editor, article, body="<p>Fares rise by twenty pence in June.</p>", tags="Trams")
    page = editor.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"old": old.revision_id, "new": new.revision_id},
    ).content.decode()
    assert "<del>ten</del>" in page
    assert "<ins>twenty</ins>" in page
    assert "<del>May.</del>" in page
    assert "<ins>June.</ins>" in page
    assert "<li><ins>Trams</ins></li>" in page


def test_compare_names_added_removed_and_reordered_faq_entries():
    old = [
        {"question": "When?", "answer": "<p>In May.</p>"},
        {"question": "Where?", "answer": "<p>Everywhere.</p>"},
        {"question": "Why?", "answer": "<p>Fuel costs.</p>"},
    ]
    new = [
        {"question": "Why?", "answer": "<p>Fuel and staff costs.</p>"},
        {"question": "When?", "answer": "<p>In May.</p>"},
        {"question": "How much?", "answer": "<p>Ten pence.</p>"},
    ]
    left, right, changed = compare._faq(old, new)
    assert changed
    assert "<del><strong>Where?</strong> Everywhere.</del>" in left
    assert "<ins><strong>How much?</strong> Ten pence.</ins>" in right
    assert "(moved from 3)" in right
    assert "(moved from 1)" in right
    assert "<ins>and staff </ins>" in right


def test_compare_says_when_only_the_order_of_the_byline_changed(editor):
    first, second = make_author("Ada Lane"), make_author("Ben Ode")
    article = make_article(authors=[first, second])
    old, new = saved_twice(editor, article, **{"bylines-0-position": "2", "bylines-1-position": "1"})
    rows = {
        row.label: row
        for row in compare.rows(revisions.state_of_revision(old), revisions.state_of_revision(new))
    }
    assert rows["Byline"].changed
    assert "Order changed." in rows["Byline"].new


def test_compare_marks_unchanged_parts_as_unchanged(editor):
    article = make_article("Tram fares rise")
    old, new = saved_twice(editor, article, standfirst="A new standfirst.")
    rows = {
        row.label: row
        for row in compare.rows(revisions.state_of_revision(old), revisions.state_of_revision(new))
    }
    assert rows["Standfirst"].changed
    assert not rows["Headline"].changed
    assert not rows["FAQ"].changed


def test_compare_with_nothing_chosen_sends_back_to_the_list_with_a_message(editor):
    article = make_article()
    response = editor.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"old": "x"}, follow=True
    )
    assert "Choose two revisions of this article to compare." in response.content.decode()


def test_restoring_a_revision_makes_a_new_edit_and_keeps_the_status(editor, client, committed):
    article = make_article("Tram fares rise", faqs=[("When?", "<p>May.</p>")], tags=["Trams"])
    first, _ = saved_twice(
        editor,
        article,
        headline="Tram fares fall",
        tags="Buses",
        **{f"{FAQ_PREFIX}-0-DELETE": "on"},
    )
    with committed():
        response = editor.post(
            reverse("admin:articles_article_restore", args=[article.pk, first.revision_id])
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Tram fares rise"
    assert article.status == Article.Status.PUBLISHED
    assert list(article.tags.names()) == ["Trams"]
    assert [e.question for e in article.faq_entries.all()] == ["When?"]
    assert "Tram fares rise" in client.get(article.get_absolute_url()).content.decode()
    newest = history_of(article)[0]
    assert newest.revision.comment.startswith("Restored the revision of")
    assert AuditEntry.objects.filter(article=article, action="restored").exists()


def test_restoring_never_publishes_a_draft(editor, client):
    article = make_article("Draft story", status=Article.Status.DRAFT)
    first, _ = saved_twice(editor, article, headline="Draft story, rewritten")
    editor.post(reverse("admin:articles_article_restore", args=[article.pk, first.revision_id]))
    article.refresh_from_db()
    assert article.headline == "Draft story"
    assert article.status == Article.Status.DRAFT
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_get_request_restores_nothing(editor):
    article = make_article("Tram fares rise")
    first, _ = saved_twice(editor, article, headline="Tram fares fall")
    editor.get(reverse("admin:articles_article_restore", args=[article.pk, first.revision_id]))
    article.refresh_from_db()
    assert article.headline == "Tram fares fall"


def test_the_revisions_page_lists_every_revision_newest_first(editor):
    article = make_article("Tram fares rise")
    saved_twice(editor, article, headline="Tram fares fall")
    page = editor.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert page.count('name="old"') == 2
    assert page.index("Edited: headline") < page.index(">Saved<")
    assert "Restore this revision" in page


def test_a_revision_of_another_story_cannot_be_restored_here(editor):
    article, other = make_article("Tram fares rise"), make_article("Bus lanes")
    saved_twice(editor, other, headline="Bus lanes open")
    content = RevisionContent.objects.filter(article=other).first()
    response = editor.post(reverse("admin:articles_article_restore", args=[article.pk, content.revision_id]))
    assert response.status_code == 404
    article.refresh_from_db()
    assert article.headline == "Tram fares rise"


def test_a_writer_restoring_on_a_published_story_proposes_it_for_an_editor(writer, editor):
    article = make_article("Tram fares rise", created_by=writer.user)
    first, _ = saved_twice(editor, article, headline="Tram fares fall")
    writer.post(reverse("admin:articles_article_restore", args=[article.pk, first.revision_id]))
    article.refresh_from_db()
    assert article.headline == "Tram fares fall"
    assert article.pending_changes.get().state["fields"]["headline"] == "Tram fares rise"


def test_faq_entries_come_back_in_their_order(editor):
    article = make_article()
    make_faq(article, "First?", "<p>One.</p>", position=0)
    make_faq(article, "Second?", "<p>Two.</p>", position=1)
    first, _ = saved_twice(editor, article, **{f"{FAQ_PREFIX}-0-position": "5"})
    editor.post(reverse("admin:articles_article_restore", args=[article.pk, first.revision_id]))
    assert [e.question for e in article.faq_entries.order_by("position")] == ["First?", "Second?"]
