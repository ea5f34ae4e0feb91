"""FAQ entries as schema.org Questions: the machine-readable twin of the visible FAQ section.

The page's WebPage node becomes ``["WebPage", "FAQPage"]`` and lists the
questions by ``@id``; each Question is its own node whose ``@id`` ends in the
same anchor as the visible question, in the same order, with the same text.
"""

import nh3
from django.conf import settings

from newsroom.jsonld import breadcrumb_node, graph, webpage_node
from newsroom.site import absolute

# The HTML Google documented for answers; everything else is reduced to its text.
ANSWER_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "div", "b", "strong", "i", "em",
}  # fmt: skip


def answer_markup(answer_html):
    return nh3.clean(answer_html, tags=ANSWER_TAGS, attributes={"a": {"href"}}, link_rel=None)


def question_id(page_url, entry):
    return f"{page_url}#{entry.anchor}"


def marked_up(entries):
    """The entries this page marks up: a copy repeated elsewhere is marked up on one page only."""
    return [entry for entry in entries if entry.marked_up]


def question_nodes(entries, page_url):
    entries = marked_up(entries)
    return [
        {
            "@type": "Question",
            "@id": question_id(page_url, entry),
            "name": entry.question,
            "position": position,
            "acceptedAnswer": {"@type": "Answer", "text": answer_markup(entry.answer)},
        }
        for position, entry in enumerate(entries, start=1)
    ]


def faq_page_fields(entries, page_url):
    """The WebPage types and mainEntity for a page showing ``entries`` (none: plain WebPage)."""
    entries = marked_up(entries)
    if not entries:
        return ["WebPage"], None
    return ["WebPage", "FAQPage"], [{"@id": question_id(page_url, entry)} for entry in entries]


def faq_page_graph(faq_page, breadcrumbs):
    url = absolute(faq_page.get_absolute_url())
    entries = list(faq_page.faq_entries.all())
    types, questions = faq_page_fields(entries, url)
    page = webpage_node(
        url,
        faq_page.title,
        f"{faq_page.title}: answers from {settings.SITE_NAME}.",
        types,
        mainEntity=questions,
        dateModified=faq_page.updated_at.isoformat(),
    )
    return graph(page, *question_nodes(entries, url), breadcrumb_node(url, breadcrumbs))
