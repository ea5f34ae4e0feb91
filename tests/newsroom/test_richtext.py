"""Rich text is sanitized on the way in, for every rich field, with a plain-text copy."""

import pytest

from newsroom.richtext import html_to_text, sanitize_html
from tests.factories import make_article, make_author, make_faq, make_faq_page

HOSTILE = '<p onmouseover="x()">Text<script>alert(1)</script><img src="a.png" onerror="alert(2)"></p>'
CLEAN = '<p>Text<img src="a.png"></p>'


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<img src="x" onerror="alert(1)">',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<svg><script>alert(1)</script></svg>",
        '<form action="/steal"><input name="pw"></form>',
    ],
)
def test_nothing_executable_survives(dirty):
    cleaned = sanitize_html(dirty)
    for marker in (
        "<script",
        "javascript:",
        "data:",
        "onerror",
        "<iframe",
        "style=",
        "<svg",
        "<form",
        "<input",
    ):
        assert marker not in cleaned


def test_ckeditor_markup_for_real_articles_is_kept():
    html = (
        "<h2>Heading</h2><h3>Sub</h3><p><strong>b</strong> <i>i</i></p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
        '<blockquote><p>quote</p></blockquote><figure class="image"><img src="/m/a.jpg" alt="A">'
        '<figcaption>Cap</figcaption></figure><figure class="table"><table><tbody><tr><td>1</td></tr></tbody>'
        "</table></figure><pre><code>x = 1</code></pre>"
    )
    assert sanitize_html(html) == html


def test_links_keep_their_address_and_get_noopener():
    assert sanitize_html('<a href="https://example.com">x</a>') == (
        '<a href="https://example.com" rel="noopener">x</a>'
    )


def test_an_emptied_editor_is_no_content():
    assert sanitize_html("<p>&nbsp;</p>") == ""


def test_plain_text_keeps_words_apart_at_block_edges():
    assert (
        html_to_text("<h2>Title</h2><p>One &amp; two</p><ul><li>a</li><li>b</li></ul>")
        == "Title. One & two a b"
    )


def test_plain_text_ends_a_heading_like_a_sentence_unless_it_has_its_own_mark():
    assert html_to_text("<h2>What next?</h2><p>We wait.</p><h3>Key points:</h3><p>Two.</p>") == (
        "What next? We wait. Key points: Two."
    )


@pytest.mark.django_db
def test_article_body_is_sanitized_on_save():
    article = make_article(body=HOSTILE)
    assert article.body == CLEAN
    assert article.body_text == "Text"


@pytest.mark.django_db
def test_faq_answer_is_sanitized_on_save():
    entry = make_faq(make_article(), "Safe?", HOSTILE)
    assert entry.answer == CLEAN


@pytest.mark.django_db
def test_author_bio_and_faq_page_intro_are_sanitized_on_save():
    assert make_author(bio=HOSTILE).bio == CLEAN
    page = make_faq_page()
    page.intro = HOSTILE
    page.save()
    assert page.intro == CLEAN


@pytest.mark.django_db
def test_plain_fields_are_escaped_on_the_page(client):
    article = make_article("<script>alert('headline')</script>", standfirst="<b>not bold</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;headline&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
