"""The audit log: every step of a story's public life, with who and when; editors read it, nobody edits it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, AuditEntry
from tests.admin_forms import ADD_URL, article_data, change_data, change_url
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def log():
    return [(e.username, e.action, e.headline) for e in AuditEntry.objects.order_by("at", "id")]


def test_a_storys_life_is_logged_with_who_did_each_step(writer, editor):
    section, author = make_section("City"), make_author("Ada Lane")
    writer.post(ADD_URL, article_data(section, [author], headline="Ferry strike ends"))
    story = Article.objects.get()
    assert editor.post(change_url(story), change_data(editor, story, status="published")).status_code == 302
    editor.post(CHANGELIST, {"action": "unpublish", "_selected_action": [story.pk]})
    soon = timezone.localtime(timezone.now() + timedelta(days=1))
    story.refresh_from_db()
    scheduled = change_data(
        editor,
        story,
        status="published",
        published_at_0=f"{soon:%Y-%m-%d}",
        published_at_1=f"{soon:%H:%M:%S}",
    )
    assert editor.post(change_url(story), scheduled).status_code == 302
    assert log() == [
        ("wendy", "created", "Ferry strike ends"),
        ("eddie", "published", "Ferry strike ends"),
        ("eddie", "unpublished", "Ferry strike ends"),
        ("eddie", "scheduled", "Ferry strike ends"),
    ]
    assert AuditEntry.objects.get(action="scheduled").detail == f"for {soon:%Y-%m-%d %H:%M %Z}"


def test_an_edit_that_changes_no_publication_state_is_not_a_publication(editor):
    story = make_article("Harbour reopens")
    editor.post(change_url(story), change_data(editor, story, standfirst="Boats are back."))
    assert log() == []


def test_the_bulk_publish_action_and_a_deletion_are_logged_and_the_deleted_headline_stays(editor):
    draft = make_article("Budget vote delayed", status=Article.Status.DRAFT)
    editor.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    editor.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert not Article.objects.exists()
    assert log() == [
        ("eddie", "published", "Budget vote delayed"),
        ("eddie", "deleted", "Budget vote delayed"),
    ]
    assert AuditEntry.objects.filter(article__isnull=True).count() == 2


def test_a_correction_is_logged_with_its_text(editor):
    story = make_article("Bridge opens")
    data = change_data(
        editor,
        story,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "It opens on Monday, not Tuesday.",
            "corrections-0-published_at_0": f"{timezone.now():%Y-%m-%d}",
            "corrections-0-published_at_1": "09:00:00",
        },
    )
    editor.post(change_url(story), data)
    (entry,) = AuditEntry.objects.all()
    assert (entry.username, entry.action, entry.detail) == (
        "eddie",
        "corrected",
        "It opens on Monday, not Tuesday.",
    )


def test_editors_read_the_log_and_nobody_can_change_it(editor, writer):
    make_article("Harbour reopens", status=Article.Status.DRAFT)
    editor.post(CHANGELIST, {"action": "publish", "_selected_action": [Article.objects.get().pk]})
    entry = AuditEntry.objects.get()
    page = editor.get(reverse("admin:articles_auditentry_changelist"))
    assert page.status_code == 200
    assert "Harbour reopens" in page.content.decode()
    assert editor.get(reverse("admin:articles_auditentry_add")).status_code == 403
    editor.post(reverse("admin:articles_auditentry_change", args=[entry.pk]), {"action": "deleted"})
    editor.post(reverse("admin:articles_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    entry.refresh_from_db()
    assert entry.action == "published"
    assert writer.get(reverse("admin:articles_auditentry_changelist")).status_code == 403
