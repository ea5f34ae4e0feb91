"""Editing together: who else has the story open, and a warning when a newer version was saved."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import change_data, change_url
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def beat(client, article, version=""):
    response = client.post(
        reverse("admin:articles_article_presence", args=[article.pk]), {"version": version}
    )
    assert response.status_code == 200
    return response.json()


def test_each_editor_sees_the_other_with_the_story_open(editor, staff_client):
    article = make_article()
    assert beat(editor, article)["others"] == []
    assert beat(staff_client, article)["others"] == ["eddie"]
    assert beat(editor, article)["others"] == ["editor"]


def test_someone_whose_page_stopped_beating_drops_off_without_a_lock(editor, staff_client, clock):
    article = make_article()
    beat(staff_client, article)
    clock(timedelta(seconds=20))
    assert beat(editor, article)["others"] == []
    assert 'name="headline"' in editor.get(change_url(article)).content.decode()


def test_leaving_the_page_says_so_at_once(editor, staff_client):
    article = make_article()
    beat(staff_client, article)
    staff_client.post(reverse("admin:articles_article_presence", args=[article.pk]), {"leave": "1"})
    assert beat(editor, article)["others"] == []


def test_the_page_hears_of_a_newer_save_before_its_own(editor, staff_client):
    article = make_article(status=Article.Status.DRAFT)
    opened = change_data(editor, article)
    assert beat(editor, article, opened["loaded_version"])["newer"] is None
    staff_client.post(change_url(article), change_data(staff_client, article, headline="Their headline"))
    newer = beat(editor, article, opened["loaded_version"])["newer"]
    assert newer["by"] == "editor"
    response = editor.post(change_url(article), {**opened, "headline": "My headline"})
    assert "Someone else saved this article after you opened it." in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Their headline"


def test_the_heartbeat_is_for_staff_who_may_see_the_story(client, writer):
    article = make_article()
    url = reverse("admin:articles_article_presence", args=[article.pk])
    assert client.post(url).status_code == 302  # to the sign-in page
    assert writer.get(url).status_code == 405


def test_the_edit_page_carries_the_heartbeat_script_and_its_version(editor):
    article = make_article()
    page = editor.get(change_url(article)).content.decode()
    assert "admin/js/editing_together.js" in page
    assert 'id="editing-together"' in page
    assert f'data-version="{article.updated_at.isoformat()}"' in page
