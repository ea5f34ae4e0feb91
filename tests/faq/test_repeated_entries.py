"""A question and answer repeated on several pages is marked up once, on the earliest published page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import structured_data
from articles.models import Article
from faq.models import FAQPage
from tests.factories import make_article, make_faq, make_faq_page
from tests.helpers import faq_questions, jsonld_graph, visible_faq

pytestmark = pytest.mark.django_db

SHARED = ("How do I report a mistake?", "<p>Write to the readers' editor.</p>")


def page(client, obj):
    html = client.get(obj.get_absolute_url()).content.decode()
    return html, [q["name"] for q in faq_questions(jsonld_graph(html))]


@pytest.fixture
def two_articles():
    now = timezone.now()
    first = make_article("First", faqs=[SHARED], published_at=now - timedelta(days=2))
    second = make_article(
        "Second", faqs=[SHARED, ("Only here?", "<p>Yes.</p>")], published_at=now - timedelta(days=1)
    )
    return first, second


def test_marked_up_on_the_earliest_page_and_shown_on_both(client, two_articles):
    first, second = two_articles
    _, first_marked = page(client, first)
    second_html, second_marked = page(client, second)
    assert first_marked == [SHARED[0]]
    assert second_marked == ["Only here?"]
    assert SHARED[0] in [question for _, question, _ in visible_faq(second_html)]


def test_a_page_whose_only_entries_are_marked_up_elsewhere_has_no_faqpage(client):
    first = make_faq_page("Help", faqs=[SHARED])
    FAQPage.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=5))
    later = make_article("Later", faqs=[SHARED])
    _, marked = page(client, later)
    assert marked == []
    assert "FAQPage" not in client.get(later.get_absolute_url()).content.decode()
    assert page(client, first)[1] == [SHARED[0]]


def test_unpublishing_the_first_page_moves_the_markup(client, two_articles):
    first, second = two_articles
    first.status = Article.Status.DRAFT
    first.save()
    assert SHARED[0] in page(client, second)[1]


def test_a_copy_that_differs_is_marked_up_on_its_own_page(client, two_articles):
    first, second = two_articles
    copy = second.faq_entries.get(question=SHARED[0])
    copy.answer = "<p>Email corrections@example.com.</p>"
    copy.save()
    assert SHARED[0] in page(client, second)[1]
    assert SHARED[0] in page(client, first)[1]


def test_spacing_and_case_do_not_make_a_different_copy(client):
    now = timezone.now()
    make_article(faqs=[SHARED], published_at=now - timedelta(days=3))
    later = make_article(published_at=now - timedelta(days=1))
    make_faq(later, "how do  I report a MISTAKE?", "<p>Write to the <b>readers' editor</b>.</p>")
    assert page(client, later)[1] == []


def test_the_admin_says_where_a_copy_is_marked_up(staff_client, two_articles):
    first, second = two_articles
    html = staff_client.get(reverse("admin:articles_article_change", args=[second.pk])).content.decode()
    assert f'marked up on <a href="{first.get_absolute_url()}">First</a>, which published it first' in html
    first_html = staff_client.get(reverse("admin:articles_article_change", args=[first.pk])).content.decode()
    assert "Marked up on this page (the same entry on 1 other page(s) is not marked up there)." in first_html


def test_structured_data_warns_about_a_copy(two_articles):
    _, second = two_articles
    found = [f for f in structured_data.findings(second) if f.field == "faq"]
    assert any("is also on another page" in f.message for f in found)
