"""One publishing gate: every path that makes a story public refuses the same problems with the same words."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article
from tests.admin_forms import ADD_URL, article_data, errors_of
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
