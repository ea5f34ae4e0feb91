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


def nodes_of_type(graph, node_type):
    return [node for node in graph if node["@type"] == node_type]


def visible_faq(page_html):
    """(anchor, question text, answer HTML) for each visible FAQ entry, in page order."""
    return [
        (anchor, html.unescape(question), answer) for anchor, question, answer in FAQ_ENTRY.findall(page_html)
    ]
