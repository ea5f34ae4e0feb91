"""Stories from documents: Word, Markdown, Google Docs' HTML and pasted text, with their FAQ and Also Read."""

import io
import re

import docx
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from articles.imports import documents
from articles.models import Article
from tests.factories import image_upload, make_article, make_author, make_section

pytestmark = pytest.mark.django_db

PASTED = """Night buses return to the city

The council brings back six night routes from May, after two years without them.

What changes
Buses run every 30 minutes between midnight and five.
- Route 4 to the harbour
- Route 9 to the university
1. Buy a ticket on the app
2. Show it to the driver

FAQs
When do the night buses start?
On the first Friday in May.
Do day tickets work?
Yes, until five in the morning.
They also work on trams.

Also Read:
Tram fares rise in May
Library opens late
A story that does not exist
"""


@pytest.fixture
def published():
    return [make_article("Tram fares rise in May"), make_article("Library opens late")]


def test_pasted_text_becomes_title_paragraphs_headings_and_lists():
    story = documents.read("story.txt", PASTED.encode())
    assert story.title == "Night buses return to the city"
    assert story.body.startswith("<p>The council brings back six night routes")
    assert "<h2>What changes</h2>" in story.body
    assert "<ul><li>Route 4 to the harbour</li><li>Route 9 to the university</li></ul>" in story.body
    assert "<ol><li>Buy a ticket on the app</li><li>Show it to the driver</li></ol>" in story.body


def test_the_faq_section_becomes_entries_and_leaves_the_body():
    story = documents.read("story.txt", PASTED.encode())
    assert story.faq == [
        ("When do the night buses start?", "<p>On the first Friday in May.</p>"),
        ("Do day tickets work?", "<p>Yes, until five in the morning.</p><p>They also work on trams.</p>"),
    ]
    assert "FAQs" not in story.body
    assert "night buses start?" not in story.body


def test_the_also_read_list_leaves_the_body():
    story = documents.read("story.txt", PASTED.encode())
    assert [text for text, _ in story.also_read] == [
        "Tram fares rise in May",
        "Library opens late",
        "A story that does not exist",
    ]
    assert "Also Read" not in story.body
    assert "Tram fares" not in story.body


def test_a_word_document_is_read_with_its_headings_lists_and_faq(tmp_path):
    document = docx.Document()
    document.add_heading("Harbour wall repaired", level=0)
    document.add_paragraph("The harbour wall is repaired after the winter storms.")
    document.add_heading("The work", level=1)
    document.add_paragraph("Divers worked for six weeks.")
    document.add_paragraph("Stone from the old quarry", style="List Bullet")
    document.add_paragraph("New steel anchors", style="List Bullet")
    bold = document.add_paragraph("It cost ")
    bold.add_run("two million").bold = True
    bold.add_run(" pounds.")
    document.add_heading("Frequently asked questions", level=1)
    document.add_paragraph("Is the harbour open?")
    document.add_paragraph("Yes, since Monday.")
    buffer = io.BytesIO()
    document.save(buffer)
    story = documents.read("harbour.docx", buffer.getvalue())
    assert story.title == "Harbour wall repaired"
    assert "<h2>The work</h2>" in story.body
    assert "<ul><li>Stone from the old quarry</li><li>New steel anchors</li></ul>" in story.body
    assert "<strong>two million</strong>" in story.body
    assert story.faq == [("Is the harbour open?", "<p>Yes, since Monday.</p>")]


def test_a_word_documents_pictures_are_stored_with_the_site(tmp_path):
    picture = tmp_path / "harbour.png"
    picture.write_bytes(image_upload("harbour.png", size=(800, 450), image_format="PNG").read())
    document = docx.Document()
    document.add_heading("Harbour wall repaired", level=0)
    document.add_paragraph("The wall, from the sea:")
    document.add_picture(str(picture))
    buffer = io.BytesIO()
    document.save(buffer)
    story = documents.read("harbour.docx", buffer.getvalue())
    (src,) = re.findall(r'<img [^>]*src="([^"]+)"', story.body)
    assert src.startswith("/media/imported/")
    assert default_storage.exists(src.removeprefix("/media/"))


def test_markdown_is_read():
    text = "# Park reopens\n\nThe park reopens **today**.\n\n## FAQ\n\n### Is it free?\n\nYes.\n"
    story = documents.read("park.md", text.encode())
    assert story.title == "Park reopens"
    assert story.body == "<p>The park reopens <strong>today</strong>.</p>"
    assert story.faq == [("Is it free?", "<p>Yes.</p>")]


def test_google_docs_html_loses_its_clutter_but_keeps_bold_and_italic():
    exported = (
        '<html><head><style type="text/css">.c1{font-weight:700}.c2{font-style:italic}'
        ".c3{color:#000000;font-size:11pt}</style></head>"
        '<body class="c4"><h1 class="c5"><span class="c3">Pool opens</span></h1>'
        '<p class="c6" style="margin-left:0"><span class="c3">The pool opens </span>'
        '<span class="c1">on Monday</span><span class="c3"> and stays </span>'
        '<span class="c2">open late</span><span>.</span></p></body></html>'
    )
    story = documents.read("pool.html", exported.encode())
    assert story.title == "Pool opens"
    assert story.body == "<p>The pool opens <strong>on Monday</strong> and stays <em>open late</em>.</p>"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("story.pdf", b"%PDF-1.7", "“.pdf” files cannot be read"),
        ("story.docx", b"not a zip file", "not a Word document that can be read"),
        ("story.txt", b"\x81\x8d\x8f\x90\x9d", "not text in UTF-8 or Windows-1252"),
    ],
)
def test_a_document_that_cannot_be_read_says_why(name, content, expected):
    with pytest.raises(documents.UnreadableDocument) as error:
        documents.read(name, content)
    assert expected in str(error.value)


def test_the_command_makes_a_draft_with_faq_and_also_read_pins(tmp_path, published):
    section, author = make_section("City", slug="city"), make_author("Ada Lane", slug="ada-lane")
    path = tmp_path / "night-buses.txt"
    path.write_text(PASTED, encoding="utf-8")
    out = io.StringIO()
    call_command("import_story", str(path), "--section", "city", "--author", "ada-lane", stdout=out)
    article = Article.objects.get(headline="Night buses return to the city")
    assert article.status == Article.Status.DRAFT
    assert article.section == section
    assert article.ordered_authors == [author]
    assert (
        article.standfirst
        == "The council brings back six night routes from May, after two years without them."
    )
    assert [e.question for e in article.faq_entries.all()] == [
        "When do the night buses start?",
        "Do day tickets work?",
    ]
    assert [pin.pinned for pin in article.pins.all()] == published
    said = out.getvalue()
    assert "2 FAQ entries" in said
    assert "Also Read names no published story: A story that does not exist" in said
    assert f"/admin/articles/article/{article.pk}/change/" in said


def test_an_also_read_link_to_this_site_pins_the_story_it_names(tmp_path, published):
    make_section("City", slug="city")
    target = published[1]
    html = (
        f"<h1>Ferry story</h1><p>The ferry runs.</p><p>Read more:</p>"
        f'<ul><li><a href="https://news.example.com{target.get_absolute_url()}">the library</a></li></ul>'
    )
    path = tmp_path / "ferry.html"
    path.write_text(html, encoding="utf-8")
    call_command("import_story", str(path), "--section", "city", stdout=io.StringIO())
    article = Article.objects.get(headline="Ferry story")
    assert [pin.pinned for pin in article.pins.all()] == [target]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["missing.txt", "--section", "city"], "no such file"),
        (["story.txt", "--section", "nowhere"], "No section has the slug “nowhere”"),
        (["story.txt", "--section", "city", "--author", "nobody"], "No author has the slug nobody"),
        (["story.pdf", "--section", "city"], "“.pdf” files cannot be read"),
    ],
)
def test_the_command_refuses_bad_input_and_saves_nothing(tmp_path, monkeypatch, arguments, expected):
    make_section("City", slug="city")
    (tmp_path / "story.txt").write_text(PASTED, encoding="utf-8")
    (tmp_path / "story.pdf").write_bytes(b"%PDF-1.7")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError) as error:
        call_command("import_story", *arguments, stdout=io.StringIO())
    assert expected in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert not Article.objects.exists()
