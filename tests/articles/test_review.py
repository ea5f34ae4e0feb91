"""Review: writers submit, editors approve or send back; writers' changes to public stories wait."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, AuditEntry, PendingChange
from tests.admin_forms import ADD_URL, article_data, change_data, change_url, errors_of
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def actions_on(article):
    return list(
        AuditEntry.objects.filter(article=article).order_by("at", "id").values_list("action", flat=True)
    )


def test_a_writer_submits_a_new_draft_for_review(writer):
    section, author = make_section(), make_author()
    response = writer.post(ADD_URL, {**article_data(section, [author]), "_submit_review": "1"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert actions_on(article) == ["created", "submitted"]


def test_a_writer_submits_their_draft_from_its_page(writer):
    draft = make_article(status=Article.Status.DRAFT, created_by=writer.user)
    page = writer.get(change_url(draft)).content.decode()
    assert 'name="_submit_review"' in page
    writer.post(change_url(draft), change_data(writer, draft, _submit_review="1"))
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW


def test_the_review_buttons_show_only_to_editors_on_stories_in_review(writer, editor):
    story = make_article(status=Article.Status.REVIEW, created_by=writer.user)
    assert 'name="_approve"' not in writer.get(change_url(story)).content.decode()
    page = editor.get(change_url(story)).content.decode()
    assert 'name="_approve"' in page
    assert 'name="_send_back"' in page
    assert "Note to the writer" in page


def test_an_editor_sends_a_story_back_with_a_note_the_writer_sees(writer, editor):
    story = make_article(status=Article.Status.REVIEW, created_by=writer.user)
    note = "Name the source of the council figures."
    editor.post(change_url(story), change_data(editor, story, _send_back="1", note_to_writer=note))
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert story.review_note == note
    assert note in writer.get(change_url(story)).content.decode()
    assert note[:20] in writer.get(reverse("admin:index")).content.decode()
    entry = AuditEntry.objects.filter(article=story, action="sent_back").get()
    assert entry.detail == note


def test_sending_back_without_a_note_is_refused_and_changes_nothing(editor):
    story = make_article(status=Article.Status.REVIEW)
    response = editor.post(change_url(story), change_data(editor, story, _send_back="1", note_to_writer=" "))
    assert response.status_code == 200
    assert "Write a note that tells the writer what to change." in errors_of(response)
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW


def test_resubmitting_clears_the_old_note(writer):
    story = make_article(status=Article.Status.DRAFT, created_by=writer.user, review_note="Shorter, please.")
    writer.post(change_url(story), change_data(writer, story, _submit_review="1"))
    story.refresh_from_db()
    assert (story.status, story.review_note) == (Article.Status.REVIEW, "")


def test_an_editor_approves_a_story_and_it_goes_public(editor, client, committed):
    story = make_article(status=Article.Status.REVIEW, published_at=None)
    with committed():
        editor.post(change_url(story), change_data(editor, story, _approve="1"))
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    assert client.get(story.get_absolute_url()).status_code == 200
    assert actions_on(story)[-2:] == ["approved", "published"]


def test_an_editor_approves_a_story_for_a_later_time(editor, client):
    story = make_article(status=Article.Status.REVIEW, published_at=None)
    later = timezone.localtime(timezone.now() + timedelta(hours=5))
    data = change_data(
        editor, story, _approve="1", published_at_0=f"{later:%Y-%m-%d}", published_at_1=f"{later:%H:%M:%S}"
    )
    editor.post(change_url(story), data)
    story.refresh_from_db()
    assert story.is_scheduled
    assert client.get(story.get_absolute_url()).status_code == 404
    assert actions_on(story)[-2:] == ["approved", "scheduled"]


def test_a_writers_change_to_a_published_story_waits_and_readers_see_the_story_as_it_was(writer, client):
    story = make_article("Bridge reopens on Monday", created_by=writer.user)
    response = writer.post(
        change_url(story), change_data(writer, story, headline="Bridge reopens on Tuesday")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Bridge reopens on Monday"
    assert "Bridge reopens on Monday" in client.get(story.get_absolute_url()).content.decode()
    pending = PendingChange.objects.get(article=story)
    assert pending.proposed_by == writer.user
    assert pending.state["fields"]["headline"] == "Bridge reopens on Tuesday"
    assert "your changes will wait for an editor" in writer.get(change_url(story)).content.decode()


def test_a_writer_saving_again_replaces_their_waiting_change(writer):
    story = make_article("Bridge reopens", created_by=writer.user)
    writer.post(change_url(story), change_data(writer, story, headline="Bridge reopens: first try"))
    writer.post(change_url(story), change_data(writer, story, headline="Bridge reopens: second try"))
    assert [p.state["fields"]["headline"] for p in PendingChange.objects.all()] == [
        "Bridge reopens: second try"
    ]


def test_an_editor_applies_a_writers_change(writer, editor, client, committed):
    story = make_article(
        "Bridge reopens on Monday", created_by=writer.user, faqs=[("When?", "<p>Monday.</p>")]
    )
    writer.post(
        change_url(story),
        change_data(writer, story, headline="Bridge reopens on Tuesday", tags="Bridges, Roads"),
    )
    pending = PendingChange.objects.get()
    page = editor.get(change_url(story)).content.decode()
    assert "proposed changes" in page
    compare = editor.get(
        reverse("admin:articles_article_compare", args=[story.pk]),
        {"old": "live", "new": f"pending-{pending.pk}"},
    ).content.decode()
    assert "<del>Monday</del>" in compare
    assert "<ins>Tuesday</ins>" in compare
    with committed():
        editor.post(reverse("admin:articles_article_pending", args=[story.pk, pending.pk, "apply"]))
    story.refresh_from_db()
    assert story.headline == "Bridge reopens on Tuesday"
    assert sorted(story.tags.names()) == ["Bridges", "Roads"]
    assert [e.question for e in story.faq_entries.all()] == ["When?"]
    assert "Bridge reopens on Tuesday" in client.get(story.get_absolute_url()).content.decode()
    assert not PendingChange.objects.exists()
    assert actions_on(story)[-1] == "approved"


def test_an_editor_discards_a_writers_change(writer, editor):
    story = make_article("Bridge reopens on Monday", created_by=writer.user)
    writer.post(change_url(story), change_data(writer, story, headline="Bridge closed for good"))
    pending = PendingChange.objects.get()
    editor.post(reverse("admin:articles_article_pending", args=[story.pk, pending.pk, "discard"]))
    story.refresh_from_db()
    assert story.headline == "Bridge reopens on Monday"
    assert not PendingChange.objects.exists()


def test_a_writer_cannot_apply_their_own_change(writer):
    story = make_article("Bridge reopens on Monday", created_by=writer.user)
    writer.post(change_url(story), change_data(writer, story, headline="Bridge reopens on Tuesday"))
    pending = PendingChange.objects.get()
    response = writer.post(reverse("admin:articles_article_pending", args=[story.pk, pending.pk, "apply"]))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Bridge reopens on Monday"


def test_the_editors_dashboard_lists_the_desks_queues(writer, editor):
    make_article("Waiting for review", status=Article.Status.REVIEW)
    make_article("Going out tonight", published_at=timezone.now() + timedelta(hours=3))
    make_article("Going out next week", published_at=timezone.now() + timedelta(days=7))
    make_article("Out this morning")
    make_article("Editor's own draft", status=Article.Status.DRAFT, created_by=editor.user)
    page = editor.get(reverse("admin:index")).content.decode()
    for headline in [
        "Waiting for review",
        "Going out tonight",
        "Out this morning",
        "Editor&#x27;s own draft",
    ]:
        assert headline in page
    scheduled = page.split('id="desk-scheduled"')[1].split("</section>")[0]
    assert "Going out next week" not in scheduled


def test_a_writers_dashboard_shows_only_their_drafts(writer):
    make_article("Someone else's draft", status=Article.Status.DRAFT)
    make_article("My draft", status=Article.Status.DRAFT, created_by=writer.user)
    page = writer.get(reverse("admin:index")).content.decode()
    assert "My draft" in page
    assert "Someone else" not in page
    assert 'id="desk-review"' not in page


def test_the_change_list_filters_the_stories_a_writer_can_edit(writer):
    make_article("Mine", status=Article.Status.DRAFT, created_by=writer.user)
    make_article("Not mine", status=Article.Status.DRAFT)
    page = writer.get(reverse("admin:articles_article_changelist"), {"whose": "editable"}).content.decode()
    assert "Mine" in page
    assert "Not mine" not in page
