"""Assembly and safe serialization of the page's one JSON-LD graph.

Every page emits one ``@graph``: the WebSite and the Organization that
publishes it, a WebPage node for the page itself, its BreadcrumbList, and what
the page is about (a NewsArticle, a Person, Questions). Nodes refer to each
other by ``@id``: absolute URLs on ``SITE_URL`` with a fragment, the same on
every request. Nodes are built from the same objects the template renders,
so what a search engine reads is what a reader sees.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles import renditions
from faq.jsonld import faq_page_fields, question_nodes
from newsroom.publisher import identity
from newsroom.site import absolute

# Characters that could end the <script> element, open an HTML comment or
# break a JavaScript parser; JSON allows each as a \\u escape.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def dumps(data):
    """JSON text that is safe inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def ref(node_id):
    return {"@id": node_id}


def organization_id():
    return absolute("/#organization")


def website_id():
    return absolute("/#website")


def organization_node():
    publisher = identity()
    node = {
        "@type": "Organization",
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
    return node


def website_node():
    return {
        "@type": "WebSite",
        "@id": website_id(),
        "url": absolute("/"),
        "name": settings.SITE_NAME,
        "publisher": ref(organization_id()),
        "inLanguage": settings.SITE_LANGUAGE,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(reverse("articles:search")) + "?q={search_term_string}",
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
        "inLanguage": settings.SITE_LANGUAGE,
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


def person_id(author):
    return absolute(author.get_absolute_url()) + "#person"


def person_node(author):
    node = {
        "@type": "Person",
        "@id": person_id(author),
        "name": author.name,
        "url": absolute(author.get_absolute_url()),
    }
    if author.job_title:
        node["jobTitle"] = author.job_title
    if author.profile_urls:
        node["sameAs"] = author.profile_urls
    return node


def image_nodes(article, page_url):
    """The hero as 16:9 (the page's primary image), 4:3 and 1:1 renditions; the original without them."""
    caption = article.hero_caption or article.hero_alt
    original = {"url": article.hero_image.url, "width": article.hero_width, "height": article.hero_height}
    # In the renditions' own order: a JSON column need not keep its keys in order.
    made = article.hero_renditions or {}
    shapes = {label: made[label] for label in renditions.SHAPES if label in made} or {"original": original}
    nodes = []
    for index, (label, rendition) in enumerate(shapes.items()):
        url = absolute(rendition["url"] if "url" in rendition else renditions.url(rendition))
        nodes.append(
            {
                "@type": "ImageObject",
                "@id": f"{page_url}#primaryimage" if index == 0 else f"{page_url}#image-{label}",
                "url": url,
                "contentUrl": url,
                "width": rendition["width"],
                "height": rendition["height"],
                "caption": caption,
            }
        )
    return nodes


def article_graph(article, breadcrumbs):
    url = absolute(article.get_absolute_url())
    entries = list(article.faq_entries.all())
    types, questions = faq_page_fields(entries, url)
    images = image_nodes(article, url) if article.hero_image else []
    news = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": article.headline,
        "description": article.description,
        # A draft is shown as it would be if it were published now.
        "datePublished": (article.published_at or timezone.now()).isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "author": [ref(person_id(author)) for author in article.ordered_authors],
        "publisher": ref(organization_id()),
        "mainEntityOfPage": ref(f"{url}#webpage"),
        "isPartOf": ref(f"{url}#webpage"),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "wordCount": len(article.body_text.split()),
        "inLanguage": settings.SITE_LANGUAGE,
    }
    if images:
        news["image"] = [ref(image["@id"]) for image in images]
    page = webpage_node(
        url,
        article.title_for_page,
        article.description,
        types,
        mainEntity=questions or ref(news["@id"]),
        primaryImageOfPage=ref(images[0]["@id"]) if images else None,
        datePublished=news["datePublished"],
        dateModified=news["dateModified"],
    )
    return graph(
        page,
        news,
        *images,
        *[person_node(author) for author in article.ordered_authors],
        *question_nodes(entries, url),
        breadcrumb_node(url, breadcrumbs),
    )


def collection_graph(path, name, description, breadcrumbs, page_type="CollectionPage", about=None):
    """A listing page (home, section, tag, FAQ list, search), or an author's ProfilePage."""
    url = absolute(path)
    page = webpage_node(url, name, description, [page_type], mainEntity=ref(about["@id"]) if about else None)
    return graph(page, about, breadcrumb_node(url, breadcrumbs))


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


def graph(*nodes):
    """The page's graph: the site's identity first, then the page's own nodes."""
    return {
        "@context": "https://schema.org",
        "@graph": [website_node(), organization_node(), *[n for n in nodes if n]],
    }
