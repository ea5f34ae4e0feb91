"""Two states of a story side by side: word-level differences in text, and what moved in its lists.

A state is what ``articles.revisions`` gives (a revision, the live story, a
proposed change). ``rows`` returns one ``Row`` per part of the story, the
older state's HTML on the left (what went marked ``<del>``), the newer one's on
the right (what came marked ``<ins>``).
"""

import difflib
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from newsroom.richtext import html_to_text

from .models import Article
from .revisions import section_names, when

TEXT_FIELDS = [
    ("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body"),
    ("hero_image", "Hero picture"), ("hero_alt", "Hero alt text"), ("hero_caption", "Hero caption"),
    ("hero_credit", "Hero credit"), ("hero_copyright", "Hero copyright"), ("hero_license", "Hero licence"),
    ("hero_license_page", "Page to license the hero"), ("seo_title", "SEO title"),
    ("meta_description", "Meta description"),
    ("slug", "Address (slug)"),
]  # fmt: skip
WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Row:
    label: str
    old: str
    new: str
    changed: bool


def words(old, new):
    """(old, new) as HTML: on the left the words that went in <del>, on the right those that came in <ins>."""
    a, b = WORDS.findall(old or ""), WORDS.findall(new or "")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, came = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(gone)
            right.append(came)
            continue
        if gone:
            left.append(f"<del>{gone}</del>")
        if came:
            right.append(f"<ins>{came}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # every piece escaped above


def _items(items, marked, mark):
    return format_html_join(
        "",
        "<li>{}</li>",
        ((format_html("<{0}>{1}</{0}>", mark, item) if item in marked else item,) for item in items),
    )


def _named_list(old, new):
    """Two ordered lists of names: what went, what came, and whether the order changed."""
    gone, came = [n for n in old if n not in new], [n for n in new if n not in old]
    left, right = _items(old, gone, "del"), _items(new, came, "ins")
    same_order = [n for n in old if n in new] == [n for n in new if n in old]
    note = "" if same_order else format_html('<p class="moved">{}</p>', "Order changed.")
    return format_html("<ol>{}</ol>", left), format_html("<ol>{}</ol>{}", right, note), old != new


def _faq(old, new):
    """FAQ entries matched by their question: added, removed, moved and reworded answers."""
    old_at = {entry["question"]: index for index, entry in enumerate(old)}
    new_at = {entry["question"]: index for index, entry in enumerate(new)}
    left, right = [], []
    for entry in old:
        answer = html_to_text(entry["answer"])
        if entry["question"] not in new_at:
            left.append(format_html("<li><del><strong>{}</strong> {}</del></li>", entry["question"], answer))
            continue
        other = html_to_text(new[new_at[entry["question"]]]["answer"])
        left.append(
            format_html("<li><strong>{}</strong> {}</li>", entry["question"], words(answer, other)[0])
        )
    for index, entry in enumerate(new):
        answer = html_to_text(entry["answer"])
        if entry["question"] not in old_at:
            right.append(format_html("<li><ins><strong>{}</strong> {}</ins></li>", entry["question"], answer))
            continue
        was = old_at[entry["question"]]
        before = html_to_text(old[was]["answer"])
        moved = format_html(' <span class="moved">(moved from {})</span>', was + 1) if was != index else ""
        right.append(
            format_html(
                "<li><strong>{}</strong>{} {}</li>", entry["question"], moved, words(before, answer)[1]
            )
        )
    changed = old != new
    return (
        format_html("<ol>{}</ol>", mark_safe("".join(left))),
        format_html("<ol>{}</ol>", mark_safe("".join(right))),
        changed,
    )


def _status(value):
    return Article.Status(value).label if value in Article.Status.values else value


def _time(value):
    moment = when(value)
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}" if moment else "not set"


def rows(old, new):
    """Every part of the story, older ``old`` state against newer ``new`` state."""
    found = []
    for name, label in TEXT_FIELDS:
        a, b = old["fields"][name] or "", new["fields"][name] or ""
        if name == "body":
            a, b = html_to_text(a), html_to_text(b)
        found.append(Row(label, *words(a, b), a != b))
    sections = section_names([old, new])
    a, b = (sections.get(state["fields"]["section"], "(none)") for state in (old, new))
    found.append(Row("Section", *words(a, b), a != b))
    for key, label in [("tags", "Tags"), ("bylines", "Byline"), ("pins", "Also Read pins")]:
        name = {"tags": None, "bylines": "name", "pins": "headline"}[key]
        a = [item[name] if name else item for item in old[key]]
        b = [item[name] if name else item for item in new[key]]
        left, right, changed = _named_list(a, b)
        found.append(Row(label, left, right, changed))
    found.append(Row("FAQ", *_faq(old["faq"], new["faq"])))
    a, b = (_status(state["fields"]["status"]) for state in (old, new))
    found.append(Row("Status", *words(a, b), a != b))
    a, b = _time(old["fields"]["published_at"]), _time(new["fields"]["published_at"])
    found.append(Row("Publication time", *words(a, b), a != b))
    return found
