"""Read what a page shows: its JSON-LD graph and its visible FAQ section."""

import html
import json
import re

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
FAQ_ENTRY = re.compile(
    r'<details class="faq__entry" id="([^"]+)">\s*<summary class="faq__question">(.*?)</summary>\s*'
    r'<div class="faq__answer">(.*?)</div>\s*</details>',
    re.S,
)


def jsonld_scripts(page_html):
    return [json.loads(block) for block in JSONLD.findall(page_html)]


def jsonld_graph(page_html):
    """The page's one graph, as a list of nodes (fails if there is not exactly one script)."""
    scripts = jsonld_scripts(page_html)
    assert len(scripts) == 1, f"expected one JSON-LD script, found {len(scripts)}"
    return scripts[0]["@graph"]


def types_of(node):
    return node["@type"] if isinstance(node["@type"], list) else [node["@type"]]


def nodes_of_type(graph, node_type):
    return [node for node in graph if node_type in types_of(node)]


def faq_questions(graph):
    """The Question nodes the page's FAQPage lists, in its order (empty without FAQPage)."""
    pages = nodes_of_type(graph, "FAQPage")
    assert len(pages) <= 1, "more than one FAQPage"
    if not pages:
        return []
    by_id = {node["@id"]: node for node in graph}
    return [by_id[item["@id"]] for item in pages[0]["mainEntity"]]


def visible_faq(page_html):
    """(anchor, question text, answer HTML) for each visible FAQ entry, in page order."""
    return [
        (anchor, html.unescape(question), answer) for anchor, question, answer in FAQ_ENTRY.findall(page_html)
    ]
