"""The visible FAQ section and its FAQPage JSON-LD twin."""

import pathlib

import pytest
from django.urls import reverse

from tests.factories import make_article, make_faq_page
from tests.helpers import jsonld_graph, jsonld_scripts, nodes_of_type, visible_faq

pytestmark = pytest.mark.django_db

ENTRIES = [
    ("When does it open?", "<p>On <strong>Monday</strong>.</p>"),
    ("Is it free?", "<p>Yes.</p><ul><li>For everyone</li></ul>"),
    ("Where is it?", '<p>By the <a href="https://example.com/map">harbour</a>.</p>'),
]


def page_html(client, obj):
    return client.get(obj.get_absolute_url()).content.decode()


def test_article_shows_faq_section_with_heading_questions_and_answers_in_order(client):
    article = make_article(faqs=ENTRIES)
    html = page_html(client, article)
    assert '<h2 id="faq-heading">FAQs</h2>' in html
    assert [question for _, question, _ in visible_faq(html)] == [q for q, _ in ENTRIES]
    assert '<div class="faq__answer"><p>On <strong>Monday</strong>.</p></div>' in html


def test_faq_jsonld_lists_the_visible_entries_same_text_same_order(client):
    article = make_article(faqs=ENTRIES)
    html = page_html(client, article)
    (faq_node,) = nodes_of_type(jsonld_graph(html), "FAQPage")
    marked_up = [
        (q["@id"].split("#")[1], q["name"], q["acceptedAnswer"]["text"]) for q in faq_node["mainEntity"]
    ]
    assert marked_up == visible_faq(html)
    assert all(
        q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in faq_node["mainEntity"]
    )


def test_reordering_entries_reorders_page_and_jsonld_alike(client):
    article = make_article(faqs=ENTRIES)
    first = article.faq_entries.get(question="When does it open?")
    first.position = 99
    first.save()
    html = page_html(client, article)
    (faq_node,) = nodes_of_type(jsonld_graph(html), "FAQPage")
    assert [q["name"] for q in faq_node["mainEntity"]] == [
        "Is it free?",
        "Where is it?",
        "When does it open?",
    ]
    assert [question for _, question, _ in visible_faq(html)] == [
        "Is it free?",
        "Where is it?",
        "When does it open?",
    ]


def test_no_entries_no_faq_section_and_no_faqpage(client):
    article = make_article()
    html = page_html(client, article)
    assert 'id="faq-heading"' not in html
    assert nodes_of_type(jsonld_graph(html), "FAQPage") == []
    assert "FAQPage" not in html


def test_page_has_exactly_one_jsonld_script_and_one_faqpage(client):
    article = make_article(faqs=ENTRIES)
    html = page_html(client, article)
    assert len(jsonld_scripts(html)) == 1
    assert len(nodes_of_type(jsonld_graph(html), "FAQPage")) == 1


def test_script_closing_text_in_faq_cannot_break_out_of_jsonld(client):
    question = 'Is </script><script>alert(1)</script> safe? <!-- & "quoted" \\ café 😀'
    answer = "<p>Yes: &lt;/script&gt; is text.\u2028Line\u2029end &amp; more</p>"
    article = make_article(faqs=[(question, answer)])
    entry = article.faq_entries.get()
    html = page_html(client, article)
    script = html[html.index('<script type="application/ld+json">') :]
    script = script[: script.index("</script>") + len("</script>")]
    assert script.count("</script>") == 1
    assert "<!--" not in script
    assert "\u2028" not in script
    assert "\u2029" not in script
    (faq_node,) = nodes_of_type(jsonld_graph(html), "FAQPage")
    assert faq_node["mainEntity"][0]["name"] == question
    assert faq_node["mainEntity"][0]["acceptedAnswer"]["text"] == entry.answer
    assert "\u2028Line\u2029end" in entry.answer
    assert "<script>" not in html.replace('<script type="application/ld+json">', "")


def test_news_article_node_carries_dates_authors_image_and_publisher(client, settings):
    article = make_article("Harbour reopens", faqs=ENTRIES, tags=["Harbour"])
    html = page_html(client, article)
    graph = jsonld_graph(html)
    (node,) = nodes_of_type(graph, "NewsArticle")
    author = article.ordered_authors[0]
    assert node["headline"] == "Harbour reopens"
    assert node["datePublished"] == article.published_at.isoformat()
    assert node["datePublished"].endswith("+00:00")
    assert node["author"][0]["name"] == author.name
    assert node["author"][0]["url"] == settings.SITE_URL + author.get_absolute_url()
    assert node["publisher"] == {"@id": f"{settings.SITE_URL}/#organization"}
    assert node["keywords"] == ["Harbour"]
    assert [n["@type"] for n in graph] == [
        "WebSite",
        "Organization",
        "NewsArticle",
        "FAQPage",
        "BreadcrumbList",
    ]


def test_standalone_faq_page_shows_entries_and_faqpage(client):
    page = make_faq_page("Subscriptions", faqs=ENTRIES)
    html = page_html(client, page)
    (faq_node,) = nodes_of_type(jsonld_graph(html), "FAQPage")
    assert [q["name"] for q in faq_node["mainEntity"]] == [question for _, question, _ in visible_faq(html)]
    assert "Subscriptions" in html


def test_unpublished_faq_page_is_404_and_not_listed(client):
    page = make_faq_page("Hidden help", is_published=False)
    assert client.get(page.get_absolute_url()).status_code == 404
    assert "Hidden help" not in client.get(reverse("faq:list")).content.decode()


def test_faq_app_imports_nothing_from_articles():
    faq_dir = pathlib.Path(__file__).resolve().parents[2] / "faq"
    for source in faq_dir.rglob("*.py"):
        text = source.read_text()
        assert "from articles" not in text, source
        assert "import articles" not in text, source
