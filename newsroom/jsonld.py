"""Assembly and safe serialization of the page's one JSON-LD graph: the site-wide nodes.

Every page emits one ``@graph``: the WebSite and the Organization that
publishes it, a WebPage node for the page itself, its BreadcrumbList, and what
the page is about. Nodes refer to each other by ``@id``: absolute URLs on
``SITE_URL`` with a fragment, the same on every request. The apps build the
nodes of what they publish (``articles.jsonld``: NewsArticle, Person, images;
``faq.jsonld``: Questions) from the same objects the template renders, so what
a search engine reads is what a reader sees, and hand them to ``graph()``.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.publisher import identity
from newsroom.site import absolute, language

# Characters that could end the <script> element, open an HTML comment or
# break a JavaScript parser; JSON allows each as a \\u escape.
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def dumps(data):
    """JSON text that is safe inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One replace() per character: several times faster than str.translate() on a page's graph.
    for character, escape in _SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return text


def script(data):
    """``data`` as a ``<script type="application/ld+json">`` element; ``dumps`` escapes what could end it."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(dumps(data)))


def ref(node_id):
    return {"@id": node_id}


def organization_id():
    return absolute("/#organization")


def website_id():
    return absolute("/#website")


def organization_node():
    publisher = identity()
    node = {
        "@type": "NewsMediaOrganization",
        "@id": organization_id(),
        "name": publisher["name"],
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "@id": absolute("/#logo"),
            "url": absolute(publisher["logo_url"]),
            "width": publisher["logo_width"],
            "height": publisher["logo_height"],
        },
    }
    if publisher["same_as"]:
        node["sameAs"] = publisher["same_as"]
    for key, url in publisher.get("policies", {}).items():  # a value cached before policies existed has none
        node[key] = absolute(url)
    return node


def picture_rights(credit="", copyright_notice="", license_url="", license_page=""):
    """creator, creditText, copyrightNotice, license and acquireLicensePage of a picture.

    A picture with a credit is its creator's, with the rights given with it
    (``copyright_notice`` else "© <credit>"); one without is the newsroom's
    staff work, with the rights the publisher identity sets for its pictures.
    """
    publisher = identity()
    if credit:
        fields = {
            "creator": {"@type": "Person", "name": credit},
            "creditText": credit,
            "copyrightNotice": copyright_notice or f"© {credit}",
            "license": license_url,
            "acquireLicensePage": license_page,
        }
    else:
        own = publisher["pictures"]
        fields = {
            "creator": ref(organization_id()),
            "creditText": publisher["name"],
            "copyrightNotice": own["copyright"] or f"© {publisher['name']}",
            "license": own["license"],
            "acquireLicensePage": own["license_page"],
        }
    return {key: value for key, value in fields.items() if value}


def website_node():
    return {
        "@type": "WebSite",
        "@id": website_id(),
        "url": absolute("/"),
        "name": settings.SITE_NAME,
        "publisher": ref(organization_id()),
        "inLanguage": language(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(reverse(settings.NEWSROOM_SEARCH_URL_NAME))
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def webpage_node(url, name, description, types=("WebPage",), **extra):
    """The page itself. ``extra`` adds properties (mainEntity, dates, primaryImageOfPage)."""
    types = list(types)
    node = {
        "@type": types[0] if len(types) == 1 else types,
        "@id": f"{url}#webpage",
        "url": url,
        "name": name,
        "description": description,
        "isPartOf": ref(website_id()),
        "breadcrumb": ref(f"{url}#breadcrumb"),
        "inLanguage": language(),
    }
    node.update({key: value for key, value in extra.items() if value is not None})
    return node


def breadcrumb_node(page_url, crumbs):
    """``crumbs`` is the visible trail: (name, path) pairs from Home to the page."""
    return {
        "@type": "BreadcrumbList",
        "@id": f"{page_url}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": absolute(path)}
            for index, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def collection_graph(path, name, description, breadcrumbs, page_type="CollectionPage", about=None):
    """A listing page (home, section, tag, FAQ list, search), or a ProfilePage ``about`` a person."""
    url = absolute(path)
    page = webpage_node(url, name, description, [page_type], mainEntity=ref(about["@id"]) if about else None)
    return graph(page, about, breadcrumb_node(url, breadcrumbs))


def graph(*nodes):
    """The page's graph: the site's identity first, then the page's own nodes."""
    return {
        "@context": "https://schema.org",
        "@graph": [website_node(), organization_node(), *[n for n in nodes if n]],
    }
