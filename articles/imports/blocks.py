"""WordPress post bodies to clean HTML: block markup, FAQ blocks, shortcodes and bare paragraphs.

FAQ blocks leave the body and become entries, read from the block's JSON
attributes (what the plugin edits), never from its saved HTML (which can be
stale): Yoast's ``yoast/faq-block``, in its older form (question and answer as
arrays of text nodes) and its newer one (HTML strings), and Rank Math's
``rank-math/faq-block``. Other block comments are dropped; the sanitizer does the
rest when the story is saved.
"""

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from newsroom.richtext import html_to_text, sanitize_html

BLOCK = re.compile(
    r"<!--\s+(?P<end>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.S,
)
FAQ_BLOCKS = {"yoast/faq-block", "rank-math/faq-block"}
# Shortcodes WordPress and common plugins write; any other [name ...] with attributes or a
# closing [/name] counts as one too, so "[sic]" in a sentence stays.
KNOWN_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"}
SHORTCODE = re.compile(r"\[(?P<close>/)?(?P<name>[a-zA-Z_][\w-]*)(?P<attrs>\s[^\]]*)?\]")
BLOCK_LEVEL = re.compile(r"^\s*<(p|h[1-6]|ul|ol|li|blockquote|figure|table|pre|div|hr|img)\b", re.I)


@dataclass
class Body:
    html: str
    faq: list = field(default_factory=list)  # [(question text, answer HTML)]
    shortcodes: Counter = field(default_factory=Counter)


def clean(content):
    """A post's ``content:encoded`` as a ``Body``: FAQ entries out, shortcodes listed, paragraphs made."""
    body = Body(html="")
    text = _take_faq_blocks(content or "", body.faq)
    text = BLOCK.sub("", text)
    text = _shortcodes(text, body.shortcodes)
    body.html = _paragraphs(text)
    return body


def _take_faq_blocks(text, faq):
    out, position = [], 0
    for match in BLOCK.finditer(text):
        if match.start() < position or match["end"] or match["name"] not in FAQ_BLOCKS:
            continue
        attributes = _json(match["attrs"])
        end = match.end()
        if not match["void"]:
            closing = re.compile(r"<!--\s+/wp:" + re.escape(match["name"]) + r"\s+-->")
            found = closing.search(text, match.end())
            end = found.end() if found else len(text)
        out.append(text[position : match.start()])
        position = end
        entries = _yoast(attributes) if match["name"].startswith("yoast") else _rank_math(attributes)
        faq.extend(entry for entry in entries if entry[0] and entry[1])
    out.append(text[position:])
    return "".join(out)


def _json(raw):
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _yoast(attributes):
    for item in attributes.get("questions") or []:
        if not isinstance(item, dict):
            continue
        question = _nodes(item.get("question")) or item.get("jsonQuestion") or ""
        answer = _nodes(item.get("answer")) or item.get("jsonAnswer") or ""
        yield html_to_text(question)[:300], sanitize_html(_paragraph(answer))


def _rank_math(attributes):
    for item in attributes.get("questions") or []:
        if not isinstance(item, dict) or item.get("visible") is False:  # hidden on the old site too
            continue
        yield (
            html_to_text(str(item.get("title") or ""))[:300],
            sanitize_html(_paragraph(str(item.get("content") or ""))),
        )


def _nodes(value):
    """Yoast's text nodes to HTML: strings, or {"type": tag, "props": {"children": [...], "href": ...}}."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(_nodes(node) for node in value)
    if isinstance(value, dict):
        tag = str(value.get("type") or "")
        props = value.get("props") if isinstance(value.get("props"), dict) else {}
        inner = _nodes(props.get("children"))
        if not re.fullmatch(r"[a-z][a-z0-9]*", tag):
            return inner
        if tag == "br":
            return "<br>"
        href = f' href="{html.escape(str(props["href"]))}"' if tag == "a" and props.get("href") else ""
        return f"<{tag}{href}>{inner}</{tag}>"
    return ""


def _paragraph(answer):
    """An answer of bare text is one paragraph."""
    return answer if BLOCK_LEVEL.match(answer) else f"<p>{answer}</p>"


def _shortcodes(text, found):
    def is_shortcode(match):
        return match["name"].lower() in KNOWN_SHORTCODES or bool(match["attrs"]) or bool(match["close"])

    def caption(match):
        inner = match["inner"].strip()
        picture = re.search(r"<img\b[^>]*>", inner)
        words = re.sub(
            r"<a\b[^>]*>\s*|\s*</a>", "", inner.replace(picture[0], "") if picture else inner
        ).strip()
        if not picture:
            return words
        return f"<figure>{picture[0]}<figcaption>{words}</figcaption></figure>" if words else picture[0]

    def note(match):
        if not is_shortcode(match):
            return match[0]
        if not match["close"]:
            found[match["name"].lower()] += 1
        return ""

    text = re.sub(
        r"\[(?P<name>caption|wp_caption)\b[^\]]*\](?P<inner>.*?)\[/(?P=name)\]",
        lambda match: found.update([match["name"]]) or caption(match),
        text,
        flags=re.S,
    )
    return SHORTCODE.sub(note, text)


def _paragraphs(text):
    """The classic editor stores bare text, paragraphs apart by a blank line: give them their <p>."""
    if re.search(r"<p[\s>]", text, re.I):
        return text.strip()
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    return "\n".join(
        chunk if BLOCK_LEVEL.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>"
        for chunk in chunks
    )
