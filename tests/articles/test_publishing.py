"""One publishing gate: every path that makes a story public refuses the same problems with the same words."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import desk, publishing, revisions
from articles.models import Article, ArticleAuthor, PendingChange
from tests.admin_forms import ADD_URL, article_data, change_data, change_url, errors_of
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

LONG_HEADLINE = " ".join(["Council"] * 19)  # 151 characters: over the 110 search engines show
HEADLINE_PROBLEM = "The headline has 151 characters; keep it to 110 or fewer."


def in_the_future():
    soon = timezone.localtime(timezone.now() + timedelta(days=1))
    return {"published_at_0": f"{soon:%Y-%m-%d}", "published_at_1": f"{soon:%H:%M:%S}"}


@pytest.mark.parametrize("when", ["now", "scheduled"])
@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("long headline", [publishing.STRUCTURED_DATA, HEADLINE_PROBLEM]),
        ("no author", [publishing.NO_AUTHOR]),
    ],
)
def test_the_form_refuses_to_publish_or_schedule_what_the_gate_refuses(staff_client, when, problem, expected):
    section, author = make_section("City"), make_author("Ada Lane")
    overrides = {"status": "published", **(in_the_future() if when == "scheduled" else {})}
    if problem == "long headline":
        overrides["headline"] = LONG_HEADLINE
    authors = [] if problem == "no author" else [author]
    response = staff_client.post(ADD_URL, article_data(section, authors, **overrides))
    assert response.status_code == 200
    for message in expected:
        assert message in errors_of(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("problem", "expected"),
    [("long headline", HEADLINE_PROBLEM), ("no author", publishing.NO_AUTHOR)],
)
def test_the_publish_action_refuses_what_the_gate_refuses_and_says_why(
    staff_client, client, problem, expected
):
    if problem == "long headline":
        refused = make_article(LONG_HEADLINE, status=Article.Status.DRAFT)
    else:
        refused = make_article("Orphan", status=Article.Status.DRAFT, authors=[])
    ready = make_article("Ready", status=Article.Status.DRAFT)
    response = staff_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, refused.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Published 1 article(s)." in html
    assert f"Not published: {refused.headline}. {expected}" in html
    refused.refresh_from_db()
    assert refused.status == Article.Status.DRAFT
    assert client.get(refused.get_absolute_url()).status_code == 404
    assert client.get(ready.get_absolute_url()).status_code == 200


def test_a_story_the_gate_passes_has_no_refusals():
    assert publishing.refusals(make_article("Fine headline", status=Article.Status.DRAFT)) == []


def test_review_approval_refuses_what_the_gate_refuses(editor, client):
    story = make_article(LONG_HEADLINE, status=Article.Status.REVIEW, published_at=None)
    response = editor.post(change_url(story), change_data(editor, story, _approve="1"))
    assert response.status_code == 200
    assert HEADLINE_PROBLEM in errors_of(response)
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW
    assert client.get(story.get_absolute_url()).status_code == 404


def test_approving_a_story_without_an_author_is_refused(editor):
    story = make_article("No byline yet", status=Article.Status.REVIEW, published_at=None, authors=[])
    response = editor.post(change_url(story), change_data(editor, story, _approve="1"))
    assert publishing.NO_AUTHOR in errors_of(response)
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW


def test_restoring_onto_a_public_story_refuses_what_the_gate_refuses(editor, client):
    story = make_article(LONG_HEADLINE, status=Article.Status.DRAFT)
    revisions.record(story, editor.user, "Created")
    Article.objects.filter(pk=story.pk).update(
        headline="A fine headline", status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    content = revisions.history(story).get()
    response = editor.post(
        reverse("admin:articles_article_restore", args=[story.pk, content.revision_id]), follow=True
    )
    assert f"Not restored: {publishing.STRUCTURED_DATA}" in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "A fine headline"
    assert "A fine headline" in client.get(story.get_absolute_url()).content.decode()


def test_applying_a_writers_change_refuses_what_the_gate_refuses(writer, editor):
    story = make_article("A fine headline", created_by=writer.user)
    writer.post(change_url(story), change_data(writer, story, headline=LONG_HEADLINE))
    pending = PendingChange.objects.get()
    response = editor.post(
        reverse("admin:articles_article_pending", args=[story.pk, pending.pk, "apply"]), follow=True
    )
    assert f"Not applied: {publishing.STRUCTURED_DATA} {HEADLINE_PROBLEM}" in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "A fine headline"
    assert PendingChange.objects.exists()


def test_a_restored_byline_that_empties_a_public_story_is_refused(editor):
    story = make_article("A fine headline", authors=[])
    revisions.record(story, editor.user, "Created")
    ArticleAuthor.objects.create(article=story, author=make_author("Ada Lane"))
    content = revisions.history(story).get()
    with pytest.raises(desk.Refused) as refused:
        desk.restore(story, content, editor.user)
    assert refused.value.reasons == [publishing.NO_AUTHOR]
    assert story.bylines.count() == 1
