"""Writers write drafts; editors publish, unpublish and delete."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import ADD_URL, article_data, change_url
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def test_setup_roles_is_idempotent(roles):
    call_command("setup_roles", stdout=io.StringIO())
    assert sorted(Group.objects.values_list("name", flat=True)) == ["Editors", "Writers"]


def test_writer_creates_a_draft_but_cannot_publish_it(writer, client):
    section, author = make_section(), make_author()
    response = writer.post(ADD_URL, article_data(section, [author], status="published"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == writer.user
    assert client.get(article.get_absolute_url()).status_code == 404


def test_writer_sees_status_as_read_only(writer):
    html = writer.get(ADD_URL).content.decode()
    assert 'name="status"' not in html
    assert "Status" in html


def test_writer_edits_only_their_own_and_shared_stories(writer, django_user_model):
    mine = make_article(status=Article.Status.DRAFT, created_by=writer.user)
    theirs = make_article(status=Article.Status.DRAFT)
    shared = make_article(status=Article.Status.DRAFT)
    shared.shared_with.add(writer.user)
    assert 'name="headline"' in writer.get(change_url(mine)).content.decode()
    assert 'name="headline"' in writer.get(change_url(shared)).content.decode()
    assert 'name="headline"' not in writer.get(change_url(theirs)).content.decode()
    response = writer.post(change_url(theirs), {"headline": "Changed by a writer"})
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.headline != "Changed by a writer"


def test_writer_cannot_use_the_publish_action(writer, client):
    draft = make_article(status=Article.Status.DRAFT)
    changelist = reverse("admin:articles_article_changelist")
    assert 'value="publish"' not in writer.get(changelist).content.decode()
    writer.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_writer_cannot_delete_someone_elses_draft(writer):
    draft = make_article(status=Article.Status.DRAFT)
    response = writer.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists()


def test_writer_can_delete_a_draft_of_their_own(writer):
    draft = make_article(status=Article.Status.DRAFT, created_by=writer.user)
    writer.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_editor_publishes_unpublishes_and_deletes(editor, client, committed):
    draft = make_article(status=Article.Status.DRAFT)
    changelist = reverse("admin:articles_article_changelist")
    with committed():
        editor.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert client.get(draft.get_absolute_url()).status_code == 200
    with committed():
        editor.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert client.get(draft.get_absolute_url()).status_code == 404
    editor.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_editor_sets_status_in_the_form(editor):
    assert 'name="status"' in editor.get(ADD_URL).content.decode()
