"""The visible FAQ section and its FAQPage JSON-LD twin."""

import pathlib

import pytest
from django.urls import reverse

from newsroom.richtext import html_to_text
from tests.factories import make_article, make_faq_page
from tests.helpers import faq_questions, jsonld_graph, jsonld_scripts, nodes_of_type, visible_faq

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
    questions = faq_questions(jsonld_graph(html))
    marked_up = [
        (q["@id"].split("#")[1], q["name"], html_to_text(q["acceptedAnswer"]["text"])) for q in questions
    ]
    assert marked_up == [
        (anchor, question, html_to_text(answer)) for anchor, question, answer in visible_faq(html)
    ]
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in questions)
    assert [q["position"] for q in questions] == [1, 2, 3]


def test_reordering_entries_reorders_page_and_jsonld_alike(client):
    article = make_article(faqs=ENTRIES)
    first = article.faq_entries.get(question="When does it open?")
    first.position = 99
    first.save()
    html = page_html(client, article)
    assert [q["name"] for q in faq_questions(jsonld_graph(html))] == [
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
    (first,) = faq_questions(jsonld_graph(html))
    assert first["name"] == question
    assert first["acceptedAnswer"]["text"] == entry.answer
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
    (person,) = nodes_of_type(graph, "Person")
    assert node["author"] == [{"@id": person["@id"]}]
    assert person["name"] == author.name
    assert person["url"] == settings.SITE_URL + author.get_absolute_url()
    assert node["publisher"] == {"@id": f"{settings.SITE_URL}/#organization"}
    assert node["keywords"] == ["Harbour"]
    types = [n["@type"] for n in graph]
    assert types[:4] == ["WebSite", "NewsMediaOrganization", ["WebPage", "FAQPage"], "NewsArticle"]
    assert types.count("Question") == 3
    assert types[-1] == "BreadcrumbList"


def test_standalone_faq_page_shows_entries_and_faqpage(client):
    page = make_faq_page("Subscriptions", faqs=ENTRIES)
    html = page_html(client, page)
    questions = faq_questions(jsonld_graph(html))
    assert [q["name"] for q in questions] == [question for _, question, _ in visible_faq(html)]
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


def test_answer_markup_keeps_only_the_html_google_documents(client):
    answer = (
        "<p>See <strong>this</strong>:</p><blockquote><p>quoted</p></blockquote>"
        "<table><tbody><tr><td>cell</td></tr></tbody></table>"
    )
    article = make_article(faqs=[("What is kept?", answer)])
    (question,) = faq_questions(jsonld_graph(page_html(client, article)))
    text = question["acceptedAnswer"]["text"]
    assert text == "<p>See <strong>this</strong>:</p><p>quoted</p>cell"
    assert html_to_text(text) == html_to_text(answer)


def test_question_anchor_exists_on_the_page(client):
    article = make_article(faqs=ENTRIES)
    html = page_html(client, article)
    for question in faq_questions(jsonld_graph(html)):
        assert f'id="{question["@id"].split("#")[1]}"' in html
