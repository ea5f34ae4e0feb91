"""What is off in an article's structured data, found before it ships.

One function, ``findings(article)``, serves the admin's "Structured data"
panel, the refusal to publish with errors, and ``manage.py
check_structured_data``. Errors block publishing; warnings are shown and
allowed.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from faq.jsonld import ANSWER_TAGS

ERROR, WARNING = "error", "warning"
HEADLINE_LIMIT = 110  # Google's limit for article headlines
DESCRIPTION_LIMIT = 160  # what search results show before cutting
TAG = re.compile(r"<\s*([a-zA-Z0-9]+)")


@dataclass(frozen=True)
class Finding:
    level: str
    field: str
    message: str

    def __str__(self):
        return f"{self.level}: {self.message} ({self.field})"


def fields_findings(article):
    """Checks on the article's own fields (usable before it is saved)."""
    found = []
    if len(article.headline) > HEADLINE_LIMIT:
        message = (
            f"The headline has {len(article.headline)} characters; keep it to {HEADLINE_LIMIT} or fewer."
        )
        found.append(Finding(ERROR, "headline", message))
    if not article.hero_image:
        found.append(
            Finding(WARNING, "hero_image", "No hero image: search engines show articles with a picture.")
        )
    else:
        if not article.hero_alt.strip():
            found.append(Finding(ERROR, "hero_alt", "The hero image has no alt text."))
        width, minimum = article.hero_width or 0, settings.NEWSROOM_MIN_IMAGE_WIDTH
        if width < minimum:
            message = f"The hero image is {width} px wide; search engines want at least {minimum} px."
            found.append(Finding(WARNING, "hero_image", message))
        small = [shape for shape, r in (article.hero_renditions or {}).items() if r["width"] < minimum]
        if width >= minimum and small:
            message = (
                f"The hero image is too small for the {', '.join(small)} rendition "
                f"(under {minimum} px wide): use a larger picture."
            )
            found.append(Finding(WARNING, "hero_image", message))
        if article.hero_credit and not article.hero_license:
            message = "The credited hero picture has no licence URL: search engines show no licence for it."
            found.append(Finding(WARNING, "hero_license", message))
    if not article.meta_description:
        message = "No meta description: the standfirst is used."
        if len(article.standfirst) > DESCRIPTION_LIMIT:
            message = (
                "No meta description, and the standfirst that stands in for it is longer than "
                f"{DESCRIPTION_LIMIT} characters: search results will cut it."
            )
        found.append(Finding(WARNING, "meta_description", message))
    return found


def findings(article):
    """Every finding for a saved article: its fields, its bylines and its FAQ entries."""
    found = fields_findings(article)
    authors = article.ordered_authors
    if not authors:
        found.append(Finding(ERROR, "authors", "No author: a news article needs a byline."))
    for author in authors:
        if not author.slug:
            found.append(Finding(ERROR, "authors", f"{author.name} has no author page."))
    for entry in article.faq_entries.all():
        if not entry.marked_up:
            message = f"“{entry.question}” is also on another page, which is marked up instead of this one."
            found.append(Finding(WARNING, "faq", message))
        dropped = sorted({tag.lower() for tag in TAG.findall(entry.answer)} - ANSWER_TAGS)
        if dropped:
            tags = ", ".join(dropped)
            message = f"The answer to “{entry.question}” uses {tags}: search engines get its text only."
            found.append(Finding(WARNING, "faq", message))
    return found


def errors(found):
    return [finding for finding in found if finding.level == ERROR]
