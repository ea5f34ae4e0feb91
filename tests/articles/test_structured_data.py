"""Structured data is checked before it ships: in the admin, at publishing, and by a command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import structured_data
from articles.models import Article
from tests.admin_forms import ADD_URL, article_data, errors_of
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def messages(article):
    return [(f.level, f.field) for f in structured_data.findings(article)]


def test_a_long_headline_is_an_error():
    assert ("error", "headline") in messages(make_article("x" * 111))
    assert ("error", "headline") not in messages(make_article("x" * 110))


def test_missing_and_small_images_are_warnings():
    assert ("warning", "hero_image") in messages(make_article())
    article = make_article(hero=(800, 450), hero_alt="Small")
    assert ("warning", "hero_image") in messages(article)


def test_no_author_is_an_error():
    assert ("error", "authors") in messages(make_article(authors=[]))


def test_faq_answer_with_html_that_will_be_dropped_is_a_warning():
    article = make_article(faqs=[("Q?", "<p>A</p><blockquote><p>quoted</p></blockquote>")])
    found = [f for f in structured_data.findings(article) if f.field == "faq"]
    assert len(found) == 1
    assert "blockquote" in found[0].message


def test_missing_meta_description_is_a_warning_only():
    article = make_article(meta_description="")
    assert ("warning", "meta_description") in messages(article)
    assert structured_data.errors(structured_data.findings(make_article(meta_description="Short."))) == []


def test_publishing_with_errors_is_refused_with_the_list(staff_client):
    data = article_data(make_section(), [make_author()], status="published", headline="x" * 120)
    response = staff_client.post(ADD_URL, data)
    assert "Not published: the structured data has errors." in errors_of(response)
    assert "The headline has 120 characters" in errors_of(response)
    assert not Article.objects.exists()


def test_a_draft_with_errors_can_be_saved(staff_client):
    data = article_data(make_section(), [make_author()], headline="x" * 120)
    assert staff_client.post(ADD_URL, data).status_code == 302


def test_warnings_do_not_block_publishing(staff_client, client):
    data = article_data(make_section(), [make_author()], status="published")
    assert staff_client.post(ADD_URL, data).status_code == 302
    assert client.get(Article.objects.get().get_absolute_url()).status_code == 200


def test_change_page_shows_the_exact_jsonld_and_the_findings(staff_client):
    article = make_article("Bridge opens", faqs=[("When?", "<p>Monday.</p>")])
    html = staff_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "What search engines will read" in html
    assert '<pre class="jsonld-preview">' in html
    assert "&quot;@type&quot;: &quot;NewsArticle&quot;" in html
    assert "No hero image" in html


def test_command_passes_with_warnings_only():
    make_article(meta_description="Fine.")
    out = io.StringIO()
    call_command("check_structured_data", stdout=out)
    assert "1 published articles checked: 0 errors" in out.getvalue()


def test_command_fails_when_a_published_article_has_an_error():
    make_article("x" * 111)
    make_article(status=Article.Status.DRAFT, authors=[])  # drafts are not checked
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 published articles checked: 1 errors"):
        call_command("check_structured_data", stdout=out)
    assert "error: The headline has 111 characters" in out.getvalue()


def test_image_too_small_for_a_rendition_is_a_warning():
    article = make_article(hero=(1600, 900), hero_alt="Wide but short")
    (finding,) = [f for f in structured_data.findings(article) if f.field == "hero_image"]
    assert finding.level == "warning"
    assert "too small for the 1x1 rendition" in finding.message
