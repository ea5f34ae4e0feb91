"""The admin's import pages: a story from a document or pasted text, and a WordPress export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, AuditEntry, WordPressImport
from tests import wxr
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

STORY_URL = reverse("admin:articles_article_import_story")
WORDPRESS_URL = reverse("admin:articles_article_import_wordpress")
PASTED = (
    "Pool opens\n\nThe pool opens on Monday.\n\nFAQ\nIs it free?\nYes, for children.\n\n"
    "Read more:\nLibrary opens late\n"
)


def test_a_writer_pastes_a_story_and_gets_a_draft_with_its_faq_and_pins(writer):
    section, author = make_section("City"), make_author("Ada Lane")
    pinned = make_article("Library opens late")
    response = writer.post(
        STORY_URL, {"text": PASTED, "section": section.pk, "authors": [author.pk]}, follow=True
    )
    article = Article.objects.get(headline="Pool opens")
    assert response.redirect_chain[-1][0] == reverse("admin:articles_article_change", args=[article.pk])
    page = response.content.decode()
    assert "Draft saved. Read as text: title “Pool opens”" in page
    assert "1 FAQ entries" in page
    assert article.status == Article.Status.DRAFT
    assert article.created_by == writer.user
    assert [e.question for e in article.faq_entries.all()] == ["Is it free?"]
    assert [pin.pinned for pin in article.pins.all()] == [pinned]
    assert AuditEntry.objects.filter(
        article=article, action="created", detail="imported from pasted text"
    ).exists()


def test_an_uploaded_markdown_file_becomes_a_draft(writer):
    section = make_section("City")
    upload = SimpleUploadedFile("park.md", b"# Park reopens\n\nThe park reopens today.\n")
    writer.post(STORY_URL, {"document": upload, "section": section.pk})
    article = Article.objects.get(headline="Park reopens")
    assert article.body == "<p>The park reopens today.</p>"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, "Upload a file or paste the story."),
        ({"text": PASTED, "document": SimpleUploadedFile("a.md", b"# A")}, "not both"),
        ({"document": SimpleUploadedFile("story.pdf", b"%PDF-1.7")}, "“.pdf” files cannot be read"),
    ],
)
def test_a_story_that_cannot_be_read_is_refused_with_a_reason_and_saves_nothing(writer, data, expected):
    section = make_section("City")
    response = writer.post(STORY_URL, {"section": section.pk, **data})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Article.objects.exists()


def test_the_change_list_offers_both_imports_to_editors_and_the_story_import_to_writers(writer, editor):
    changelist = reverse("admin:articles_article_changelist")
    assert WORDPRESS_URL in editor.get(changelist).content.decode()
    page = writer.get(changelist).content.decode()
    assert STORY_URL in page
    assert WORDPRESS_URL not in page
    assert writer.get(WORDPRESS_URL).status_code == 403


def export_upload(items):
    return SimpleUploadedFile("export.xml", wxr.export(items).encode(), content_type="text/xml")


def test_an_editor_imports_a_wordpress_export_after_a_dry_run(editor, client):
    items = [
        wxr.item(1, "Bridge opens", categories=[("local", "Local")]),
        wxr.item(2, "Draft", status="draft"),
    ]
    dry = editor.post(
        WORDPRESS_URL, {"export": export_upload(items), "section": "News", "dry_run": "on"}, follow=True
    )
    assert "Dry run, nothing saved. It would have created: 2" in dry.content.decode()
    assert not Article.objects.exists()
    done = editor.post(WORDPRESS_URL, {"export": export_upload(items), "section": "News"}, follow=True)
    assert "Done: created: 2, updated: 0, skipped: 0" in done.content.decode()
    assert WordPressImport.objects.get(dry_run=False).export == b""  # kept only until it is imported
    bridge = Article.objects.get(headline="Bridge opens")
    assert client.get(bridge.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(article=bridge, action="published", user=editor.user).exists()


def test_a_file_that_is_not_an_export_is_refused_in_the_admin(editor):
    upload = SimpleUploadedFile("export.xml", b"<html><body>no</body></html>")
    response = editor.post(WORDPRESS_URL, {"export": upload, "section": "News"}, follow=True)
    assert "That file is not a WordPress export: it is XML, but not RSS" in response.content.decode()
    assert not Article.objects.exists()
