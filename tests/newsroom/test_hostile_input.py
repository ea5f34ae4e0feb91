"""Every hostile input through every field: nothing executable reaches a reader, and the
plain text a person typed is still there, on the page, in the JSON-LD and in the feeds."""

import json
import re

import feedparser
import pytest
from django.urls import reverse
from lxml import etree
from lxml import html as lxml_html

from tests.factories import make_article, make_author, make_faq_page, make_section
from tests.helpers import faq_questions
from tests.newsroom.hostile_inputs import ALL
from tests.site_pages import feeds, sitemaps

pytestmark = pytest.mark.django_db

FORBIDDEN_ELEMENTS = {
    "iframe", "object", "embed", "base", "svg", "math", "style", "frame", "frameset", "applet",
    "textarea", "select", "video", "audio", "source",
}  # fmt: skip
# The site's own search forms are the only forms a page may carry.
SEARCH = "/search/"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "data", "poster"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def assert_inert(document, own_scripts=0):
    """No script, event handler, inline style, dangerous element or URL scheme in ``document``.

    ``own_scripts``: how many JSON-LD blocks the page has. The site's own script files
    (``/static/js/``, empty elements) may load too; nothing else can.
    """
    scripts = document.xpath("//script")
    files = [s for s in scripts if s.get("src")]
    assert all(s.get("src").startswith("/static/js/") and not (s.text or "").strip() for s in files)
    data = [s for s in scripts if not s.get("src")]
    assert all(s.get("type") == "application/ld+json" for s in data)
    assert len(data) == own_scripts
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.split("}")[-1].lower()
        assert tag not in FORBIDDEN_ELEMENTS, tag
        for name, value in element.attrib.items():
            name = name.lower()
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in URL_ATTRIBUTES:
                assert not INVISIBLE.sub("", value).lower().startswith(BAD_SCHEMES), (tag, name, value)
        if tag == "meta":
            assert element.get("http-equiv") is None
        if tag == "form":
            assert element.get("action") == SEARCH
        if tag in ("input", "button"):
            assert any(f.get("action") == SEARCH for f in element.iterancestors("form")), tag
        if tag == "link" and element.get("rel") == "stylesheet":
            assert element.get("href", "").startswith("/static/")


def same_text(a, b):
    return " ".join(a.split()) == " ".join(b.split())


@pytest.fixture(params=range(len(ALL)), ids=[f"input-{n:02d}" for n in range(len(ALL))])
def hostile(request):
    return ALL[request.param]


@pytest.fixture
def story(hostile):
    section = make_section(description=hostile[:1000])
    author = make_author(bio=hostile)
    article = make_article(
        headline=hostile[:200],
        standfirst=hostile[:400],
        body=hostile,
        section=section,
        authors=[author],
        tags=[hostile[:100]],
        faqs=[(hostile[:300], hostile), ("A plain question?", f"<p>{hostile}</p>")],
    )
    return article


def test_article_page_is_inert_and_shows_the_typed_text(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    document = lxml_html.document_fromstring(response.content)
    assert_inert(document, own_scripts=1)
    (headline,) = document.xpath("//h1")
    assert same_text(headline.text_content(), story.headline)
    assert same_text(document.xpath("//p[@class='article__standfirst']")[0].text_content(), story.standfirst)


def test_jsonld_is_valid_and_round_trips_the_typed_text(client, story):
    document = lxml_html.document_fromstring(client.get(story.get_absolute_url()).content)
    graph = json.loads(document.xpath("//script[@type='application/ld+json']")[0].text)["@graph"]
    (article,) = [node for node in graph if node["@type"] == "NewsArticle"]
    assert article["headline"] == story.headline
    assert [q["name"] for q in faq_questions(graph)] == [e.question for e in story.faq_entries.all()]


@pytest.mark.parametrize("page", ["section", "author", "tag", "home"])
def test_listing_pages_are_inert(client, story, page):
    url = {
        "section": story.section.get_absolute_url(),
        "author": story.ordered_authors[0].get_absolute_url(),
        "tag": story.tags.get().get_absolute_url(),
        "home": reverse("articles:home"),
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert_inert(lxml_html.document_fromstring(response.content), own_scripts=1)


@pytest.mark.parametrize("feed", ["articles:feed_full_rss", "articles:feed_full_atom"])
def test_feeds_are_well_formed_and_their_html_is_inert(client, story, feed):
    root = etree.fromstring(client.get(reverse(feed)).content)
    condition = " or ".join(
        f"local-name()='{name}'" for name in ("description", "summary", "encoded", "content")
    )
    texts = root.xpath(f"//*[{condition}]/text()")
    for fragment in texts:
        if fragment.strip():
            assert_inert(lxml_html.fragment_fromstring(fragment, create_parent="div"))
    titles = root.xpath("//*[local-name()='item' or local-name()='entry']/*[local-name()='title']/text()")
    assert any(same_text(title, story.headline) for title in titles)


def test_every_feed_and_sitemap_answers_well_formed_xml(client, story):
    for url in [*feeds(story).values(), *sitemaps().values()]:
        response = client.get(url)
        assert response.status_code == 200, url
        etree.fromstring(response.content)  # raises on anything XML 1.0 cannot carry
        assert not feedparser.parse(response.content).bozo or "feeds" not in url, url


def test_search_for_the_input_answers_cleanly(client, story, hostile):
    response = client.get(reverse("articles:search"), {"q": hostile})
    assert response.status_code in (200, 400)
    assert_inert(lxml_html.document_fromstring(response.content), own_scripts=1)


def test_faq_page_intro_and_entries_are_inert(client, hostile):
    page = make_faq_page("Help", faqs=[(hostile[:300], hostile)])
    page.intro = hostile
    page.save()
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert_inert(lxml_html.document_fromstring(response.content), own_scripts=1)


def test_corpus_is_large_enough():
    assert len(ALL) >= 60
