"""Corrections: an editor corrects a story in public; readers, feeds and search engines see it at once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.urls import reverse
from lxml import html as lxml_html

from articles.models import Article, Correction
from newsroom.models import Publisher
from tests.admin_forms import change_data, change_url
from tests.factories import make_article
from tests.helpers import jsonld_graph, nodes_of_type

pytestmark = pytest.mark.django_db

TEXT = "An earlier version said the bridge opens on Tuesday. It opens on Monday."
WHEN = datetime(2026, 12, 3, 9, 30, tzinfo=ZoneInfo("UTC"))


def correction_form(text, when=WHEN, index=0):
    return {
        "corrections-TOTAL_FORMS": str(index + 1),
        f"corrections-{index}-text": text,
        f"corrections-{index}-published_at_0": f"{when:%Y-%m-%d}",
        f"corrections-{index}-published_at_1": f"{when:%H:%M:%S}",
    }


@pytest.fixture
def story():
    return make_article("Bridge opens on Monday", tags=["Bridges"])


def shown_corrections(client, article):
    document = lxml_html.document_fromstring(client.get(article.get_absolute_url()).content)
    return [" ".join(p.text_content().split()) for p in document.xpath("//aside[@class='corrections']/p")]


def news_article(client, article):
    (news,) = nodes_of_type(
        jsonld_graph(client.get(article.get_absolute_url()).content.decode()), "NewsArticle"
    )
    return news


def test_an_editors_correction_reaches_the_page_the_json_ld_the_list_and_the_feed(
    client, editor, story, committed
):
    news_before = news_article(client, story)  # the page is in the cache now
    client.get(reverse("articles:corrections"))
    client.get(reverse("articles:corrections_feed"))
    data = change_data(editor, story, **correction_form(TEXT))
    with committed():
        response = editor.post(change_url(story), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Correction.objects.get()
    assert correction.created_by == editor.user

    assert shown_corrections(client, story) == [f"Correction, 3 December 2026: {TEXT}"]
    news = news_article(client, story)
    assert news["correction"] == [
        {"@type": "CorrectionComment", "text": TEXT, "datePublished": "2026-12-03T09:30:00+00:00"}
    ]
    assert news["dateModified"] > news_before["dateModified"]

    listing = lxml_html.document_fromstring(client.get(reverse("articles:corrections")).content)
    (item,) = listing.xpath("//li[@class='corrections-list__item']")
    assert item.xpath(".//h2/a")[0].get("href") == story.get_absolute_url()
    assert TEXT in item.text_content()

    feed = feedparser.parse(client.get(reverse("articles:corrections_feed")).content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Correction: Bridge opens on Monday"]


def test_corrections_show_newest_first_and_a_removed_one_goes(client, story, committed):
    with committed():
        first = Correction.objects.create(article=story, text="First fix.", published_at=WHEN)
        Correction.objects.create(article=story, text="Second fix.", published_at=WHEN.replace(hour=11))
    assert shown_corrections(client, story) == [
        "Correction, 3 December 2026: Second fix.",
        "Correction, 3 December 2026: First fix.",
    ]
    with committed():
        first.delete()
    assert shown_corrections(client, story) == ["Correction, 3 December 2026: Second fix."]
    news = news_article(client, story)
    assert [c["text"] for c in news["correction"]] == ["Second fix."]


def test_a_story_without_corrections_has_none_on_its_page_or_in_its_json_ld(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'class="corrections"' not in page
    (news,) = nodes_of_type(jsonld_graph(page), "NewsArticle")
    assert "correction" not in news


def offered_correction_forms(client, article):
    page = lxml_html.document_fromstring(client.get(change_url(article)).content)
    return int(page.xpath("//input[@name='corrections-MAX_NUM_FORMS']")[0].get("value"))


def test_writers_cannot_add_corrections(writer):
    draft = make_article("Draft", status=Article.Status.DRAFT, authors=[])
    assert offered_correction_forms(writer, draft) == 0
    writer.post(change_url(draft), change_data(writer, draft, **correction_form("Sneaky.")))
    assert not Correction.objects.exists()


def test_a_correction_is_offered_only_on_a_public_story(editor, story):
    assert offered_correction_forms(editor, make_article("Draft", status=Article.Status.DRAFT)) == 0
    assert offered_correction_forms(editor, story) > 0


def test_the_corrections_page_leaves_out_stories_that_are_not_public(client, story):
    Correction.objects.create(article=story, text="Public fix.", published_at=WHEN)
    hidden = make_article("Pulled story")
    Correction.objects.create(article=hidden, text="Hidden fix.", published_at=WHEN)
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.DRAFT)
    html = client.get(reverse("articles:corrections")).content.decode()
    assert "Public fix." in html
    assert "Hidden fix." not in html


def test_the_publisher_states_its_policies_as_a_news_media_organization(client, story):
    Publisher.objects.create(
        name="The Daily",
        corrections_policy="https://daily.example/corrections-policy/",
        ethics_policy="https://daily.example/ethics/",
        masthead="/about/masthead/",
    )
    graph = jsonld_graph(client.get(story.get_absolute_url()).content.decode())
    (organization,) = nodes_of_type(graph, "NewsMediaOrganization")
    assert organization["correctionsPolicy"] == "https://daily.example/corrections-policy/"
    assert organization["ethicsPolicy"] == "https://daily.example/ethics/"
    assert organization["masthead"].endswith("/about/masthead/")
    assert "publishingPrinciples" not in organization
