"""A story from a document: Word, Markdown, HTML (Google Docs' export too) or text as writers paste it.

Every format becomes a list of blocks (headings, paragraphs, lists, anything
else kept whole), and one reading of those blocks finds the story in it: the
title (the first heading, or the first line), the FAQ section (a heading such as
"FAQs", "FAQ" or "Frequently asked questions", then questions ending in "?" with
their answers) and a trailing "Also Read:" or "Read more:" list. What is left is
the body. Nothing here writes to the database (``articles.imports.stories`` does); a Word
document's pictures are stored with the site's media as they are read.
"""

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import mammoth
import markdown
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from lxml import etree
from lxml import html as lxml_html

from newsroom.models import Picture
from newsroom.richtext import sanitize_html
from newsroom.uploads import stored_name, validate_image

FORMATS = {
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}
FAQ_HEADING = re.compile(r"^\s*(faqs?|frequently asked questions)\s*:?\s*$", re.I)
ALSO_READ = re.compile(r"^\s*(also read|read more|read also)\s*:\s*", re.I)
BULLET = re.compile(r"^\s*[-*•–]\s+(?P<text>.+)$")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(?P<text>.+)$")
SENTENCE_END = (".", "!", "?", ":", ";", "…", '"', "”", "'")


class UnreadableDocument(Exception):
    """The document could not be read as the format it claims; nothing was made of it."""


@dataclass
class Block:
    kind: str  # "heading", "p", "ul", "ol" or "other"
    html: str  # the whole element, as HTML
    text: str
    items: list = field(default_factory=list)  # a list's items, as (HTML, text, href or "")


@dataclass
class Story:
    title: str = ""
    body: str = ""
    faq: list = field(default_factory=list)  # [(question, answer HTML)]
    also_read: list = field(default_factory=list)  # [(text, href or "")], as written
    format: str = ""

    def summary(self):
        said = [f"Read as {self.format}: title “{self.title}”"]
        blocks = _blocks_of_html(self.body) if self.body else []
        counts = {
            "paragraphs": sum(b.kind == "p" for b in blocks),
            "headings": sum(b.kind == "heading" for b in blocks),
            "lists": sum(b.kind in ("ul", "ol") for b in blocks),
        }
        said.append(", ".join(f"{n} {name}" for name, n in counts.items()))
        said.append(f"{len(self.faq)} FAQ entries" if self.faq else "no FAQ section")
        if self.also_read:
            said.append(f"{len(self.also_read)} Also Read links")
        return "; ".join(said) + "."


def format_of(name):
    return FORMATS.get(PurePath(name or "").suffix.lower())


def read(name, content):
    """The ``Story`` in ``content`` (bytes), read by the format of the file ``name``."""
    kind = format_of(name)
    if kind is None:
        known = ", ".join(sorted(FORMATS))
        raise UnreadableDocument(
            f"“{PurePath(name).suffix or name}” files cannot be read; use one of {known}."
        )
    if kind == "docx":
        return story_of_html(_docx_html(content), "a Word document")
    text = _decoded(content)
    if kind == "markdown":
        return story_of_html(markdown.markdown(text, extensions=["sane_lists"]), "Markdown")
    if kind == "html":
        return story_of_html(_without_google_clutter(text), "HTML")
    return story_of_text(text)


def _decoded(content):
    if isinstance(content, str):
        return content
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("The file is not text in UTF-8 or Windows-1252.")


def _docx_html(content):
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(content),
            style_map="p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => p:fresh",
            convert_image=mammoth.images.img_element(_stored_picture),
        )
    except Exception as error:  # mammoth raises what the zip and XML readers raise
        raise UnreadableDocument(f"The file is not a Word document that can be read ({error}).") from None
    return result.value


def _stored_picture(image):
    """A picture in a Word document, checked and stored with the site's media (else left out)."""
    with image.open() as source:
        data = source.read()
    picture = ContentFile(data, name="picture")
    try:
        validate_image(picture)
    except ValidationError:
        return {}
    name = default_storage.save(stored_name("imported", picture, "picture"), picture)
    Picture.objects.create(name=name)  # for its credit, which a Word file does not carry
    return {"src": default_storage.url(name), "alt": image.alt_text or ""}


def _without_google_clutter(text):
    """Google Docs' export styles by class (``.c3{font-weight:700}``): keep bold and italic, drop the rest."""
    bold, italic = set(), set()
    for name, rules in re.findall(
        r"\.([\w-]+)\s*\{([^}]*)\}", " ".join(re.findall(r"<style[^>]*>(.*?)</style>", text, re.S))
    ):
        if re.search(r"font-weight\s*:\s*(700|bold)", rules):
            bold.add(name)
        if re.search(r"font-style\s*:\s*italic", rules):
            italic.add(name)
    try:
        document = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise UnreadableDocument("The file is not HTML that can be read.") from None
    for span in document.iter("span"):
        classes = set((span.get("class") or "").split())
        style = span.get("style") or ""
        strong = classes & bold or re.search(r"font-weight\s*:\s*(700|bold)", style)
        emphasis = classes & italic or re.search(r"font-style\s*:\s*italic", style)
        if strong or emphasis:
            span.tag = "strong" if strong else "em"
    for element in document.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("style", None)
            element.attrib.pop("class", None)
    body = document.find("body")
    root = body if body is not None else document
    # Google's clipboard wraps everything in <b id="docs-internal-guid-...">.
    inner = "".join(etree.tostring(child, encoding="unicode", method="html") for child in root)
    return (root.text or "") + inner


def _blocks_of_html(source):
    try:
        container = lxml_html.fragment_fromstring(source or "<p></p>", create_parent="div")
    except (etree.ParserError, ValueError):
        raise UnreadableDocument("The document's HTML could not be read.") from None
    while len(container) == 1 and container[0].tag in ("div", "b", "span", "section", "article", "main"):
        container = container[0]
    blocks = []
    if (container.text or "").strip():
        blocks.append(Block("p", f"<p>{html.escape(container.text.strip())}</p>", container.text.strip()))
    for element in container:
        if not isinstance(element.tag, str):
            continue
        outer = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
        text = " ".join(element.text_content().split())
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            blocks.append(Block("heading", outer, text, items=[int(element.tag[1])]))
        elif element.tag in ("ul", "ol"):
            items = []
            for item in element.iter("li"):
                inner = (item.text or "") + "".join(
                    etree.tostring(c, encoding="unicode", method="html") for c in item
                )
                link = item.find(".//a")
                items.append(
                    (
                        inner.strip(),
                        " ".join(item.text_content().split()),
                        link.get("href", "") if link is not None else "",
                    )
                )
            blocks.append(Block(element.tag, outer, text, items=items))
        elif element.tag in ("p", "div") and (text or element.find(".//img") is not None):
            blocks.append(Block("p", outer if element.tag == "p" else f"<p>{_inner(element)}</p>", text))
        elif text or element.tag in ("img", "figure", "table", "hr"):
            blocks.append(Block("other", outer, text))
        tail = (element.tail or "").strip()
        if tail:
            blocks.append(Block("p", f"<p>{html.escape(tail)}</p>", tail))
    return blocks


def _inner(element):
    return html.escape(element.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in element
    )


def story_of_html(source, described):
    return _story(_blocks_of_html(source), described)


def story_of_text(text):
    """Text as writers paste it: a title line, paragraphs, bullets, numbered lists, short heading lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    blocks, pending = [], []

    def flush_list():
        if pending:
            kind = pending[0][0]
            items = [(html.escape(t), t, "") for _, t in pending]
            inner = "".join(f"<li>{h}</li>" for h, _, _ in items)
            blocks.append(
                Block(kind, f"<{kind}>{inner}</{kind}>", " ".join(t for _, t in pending), items=items)
            )
            pending.clear()

    meaningful = [line for line in lines if line.strip()]
    listing_also_read = False  # after "Also Read:", every line names a story
    for index, line in enumerate(lines):
        stripped = line.strip()
        listed = BULLET.match(stripped) or NUMBERED.match(stripped)
        if listed and stripped:
            kind = "ul" if BULLET.match(stripped) else "ol"
            if pending and pending[0][0] != kind:
                flush_list()
            pending.append((kind, listed["text"].strip()))
            continue
        flush_list()
        if not stripped:
            continue
        following = next((later.strip() for later in lines[index + 1 :] if later.strip()), "")
        faq = FAQ_HEADING.match(stripped)
        heads_something = faq or (bool(following) and not FAQ_HEADING.match(following))
        listing_also_read = listing_also_read or bool(ALSO_READ.match(stripped))
        if not blocks and stripped == meaningful[0]:
            blocks.append(Block("heading", f"<h1>{html.escape(stripped)}</h1>", stripped, items=[1]))
        elif _looks_like_a_heading(stripped) and heads_something and not listing_also_read:
            blocks.append(Block("heading", f"<h2>{html.escape(stripped)}</h2>", stripped, items=[2]))
        else:
            blocks.append(Block("p", f"<p>{html.escape(stripped)}</p>", stripped))
    flush_list()
    return _story(blocks, "text")


def _looks_like_a_heading(line):
    return (
        len(line) <= 80
        and len(line.split()) <= 12
        and not line.endswith(SENTENCE_END)
        and not ALSO_READ.match(line + ":")
    )


def _story(blocks, described):
    story = Story(format=described)
    if blocks and blocks[0].kind == "heading":
        story.title = blocks.pop(0).text
    elif blocks:
        story.title = blocks.pop(0).text[:200]
    blocks = _take_also_read(blocks, story)
    blocks = _take_faq(blocks, story)
    story.body = sanitize_html("\n".join(_outer(block, blocks) for block in blocks))
    return story


def _outer(block, blocks):
    """A block's HTML, its heading level moved so the body's top level is h2 (h1 is the page's headline)."""
    if block.kind != "heading":
        return block.html
    top = min(b.items[0] for b in blocks if b.kind == "heading")
    level = min(4, block.items[0] - top + 2)
    return re.sub(r"</h\d>$", f"</h{level}>", re.sub(r"^<h\d", f"<h{level}", block.html.strip()))


def _take_faq(blocks, story):
    start = next(
        (i for i, b in enumerate(blocks) if b.kind in ("heading", "p") and FAQ_HEADING.match(b.text)), None
    )
    if start is None:
        return blocks
    level = blocks[start].items[0] if blocks[start].kind == "heading" else 99
    end, question, answer = start + 1, None, []

    def close():
        if question and answer:
            story.faq.append((question[:300], sanitize_html("".join(a.html for a in answer))))

    while end < len(blocks):
        block = blocks[end]
        is_question = block.kind in ("heading", "p") and block.text.endswith("?") and len(block.text) <= 300
        if block.kind == "heading" and not is_question and block.items[0] <= max(level, 2):
            break
        if is_question:
            close()
            question, answer = block.text, []
        elif question:
            answer.append(block)
        else:
            break
        end += 1
    close()
    if not story.faq:
        return blocks
    return blocks[:start] + blocks[end:]


def _take_also_read(blocks, story):
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if b.kind in ("heading", "p") and ALSO_READ.match(b.text + (":" if b.kind == "heading" else ""))
        ),
        None,
    )
    if start is None:
        return blocks
    marker = blocks[start]
    rest = ALSO_READ.sub("", marker.text if marker.kind == "p" else marker.text + ":").strip()
    if rest:
        link = lxml_html.fragment_fromstring(marker.html).find(".//a")
        story.also_read.append((rest, link.get("href", "") if link is not None else ""))
    end = start + 1
    while (
        end < len(blocks)
        and blocks[end].kind in ("ul", "ol", "p")
        and not FAQ_HEADING.match(blocks[end].text)
    ):
        block = blocks[end]
        if block.kind == "p":
            link = lxml_html.fragment_fromstring(block.html).find(".//a")
            story.also_read.append((block.text, link.get("href", "") if link is not None else ""))
        else:
            story.also_read.extend((text, href) for _, text, href in block.items)
        end += 1
    return blocks[:start] + blocks[end:]
