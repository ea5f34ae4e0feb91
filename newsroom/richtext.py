"""The one sanitizing policy for every rich-text field, and its plain-text twin.

Rich HTML is cleaned when it is saved (never when it is shown), so the only
strings a template marks safe are ones that went through ``sanitize_html``.
This module imports nothing from the apps, so every app may use it.
"""

import html
import re
from html.parser import HTMLParser

import nh3
from django.conf import settings
from django.db import models

# What CKEditor 5 produces for real articles, and nothing more.
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "pre", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {"figure": {"image", "table"}}
URL_SCHEMES = {"http", "https", "mailto"}

BLOCK_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
    "figure", "figcaption", "table", "tr", "td", "th", "pre", "div", "caption",
}  # fmt: skip
WHITESPACE = re.compile(r"\s+")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SENTENCE_ENDS = (".", "!", "?", ":", ";", "…")


# Characters XML 1.0 cannot carry (feeds, sitemaps): C0 controls but tab and
# newlines, lone surrogates, U+FFFE and U+FFFF. Word leaves vertical tabs and
# form feeds in pasted text where it meant a line break.
LINE_BREAK_CONTROLS = re.compile("[\x0b\x0c]")
NOT_IN_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value):
    """``value`` without the characters XML 1.0 cannot carry (a line-break control becomes a space)."""
    if not isinstance(value, str):
        return value
    return NOT_IN_XML.sub("", LINE_BREAK_CONTROLS.sub(" ", value))


def sanitize_html(value):
    """Return ``value`` with everything outside the allowlist removed."""
    if not value:
        return ""
    cleaned = nh3.clean(
        clean_text(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    ).strip()
    # An editor that was emptied leaves "<p>&nbsp;</p>" behind: that is no content.
    return cleaned if html_to_text(cleaned) or "<img" in cleaned else ""


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        # A heading ends like a sentence, so a snippet reads "What next. The…", not "What next The…".
        if tag in HEADINGS:
            text = next((part.rstrip() for part in reversed(self.parts) if part.strip()), "")
            if text and not text.endswith(SENTENCE_ENDS):
                self.parts.append(".")
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(value):
    """Readable plain text of an HTML fragment: words kept apart at block edges."""
    if not value:
        return ""
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    return WHITESPACE.sub(" ", html.unescape("".join(parser.parts))).strip()


def clean_text_fields(sender, instance, **kwargs):
    """pre_save, for the apps in ``NEWSROOM_CLEAN_TEXT_APPS``: every text field loses what XML cannot carry.

    So no headline, name, tag or answer can break a feed or a sitemap,
    whichever way it was saved (the admin, a script, an import).
    """
    if sender._meta.app_label not in settings.NEWSROOM_CLEAN_TEXT_APPS:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            cleaned = clean_text(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)


def clean_stored_text(apps, app_labels):
    """Clean every text field of every row of ``app_labels``' models (a data migration's step)."""
    for model in apps.get_models():
        if model._meta.app_label not in app_labels or model._meta.proxy:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        if not fields:
            continue
        changed = []
        for row in model._base_manager.only("pk", *fields).iterator(chunk_size=2000):
            dirty = [name for name in fields if clean_text(getattr(row, name)) != getattr(row, name)]
            for name in dirty:
                setattr(row, name, clean_text(getattr(row, name)))
            if dirty:
                changed.append(row)
        if changed:
            model._base_manager.bulk_update(changed, fields, batch_size=500)
