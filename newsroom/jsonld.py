"""Assembly and safe serialization of the page's one JSON-LD graph.

Nodes are plain dicts built from the same objects the template renders, so
what a search engine reads is what a reader sees. Every node that others refer
to has an absolute ``@id`` built from ``SITE_URL``.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

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


def organization_id():
    return absolute("/#organization")


def website_id():
    return absolute("/#website")


def organization_node():
    return {
        "@type": "Organization",
        "@id": organization_id(),
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/logo.png")),
            "width": 600,
            "height": 60,
        },
    }


def website_node():
    return {
        "@type": "WebSite",
        "@id": website_id(),
        "url": absolute("/"),
        "name": settings.SITE_NAME,
        "publisher": {"@id": organization_id()},
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


def person_node(author):
    url = absolute(author.get_absolute_url())
    node = {"@type": "Person", "@id": f"{url}#person", "name": author.name, "url": url}
    if author.job_title:
        node["jobTitle"] = author.job_title
    if author.profile_urls:
        node["sameAs"] = author.profile_urls
    return node


def news_article_node(article, page_url):
    node = {
        "@type": "NewsArticle",
        "@id": f"{page_url}#article",
        "headline": article.headline,
        "description": article.description,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": [person_node(author) for author in article.ordered_authors],
        "publisher": {"@id": organization_id()},
        "mainEntityOfPage": page_url,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "wordCount": len(article.body_text.split()),
        "inLanguage": settings.SITE_LANGUAGE,
    }
    if article.hero_image:
        node["image"] = [absolute(article.hero_image.url)]
    return node


def graph(*nodes):
    """The page's graph: the site's identity first, then the page's own nodes."""
    return {
        "@context": "https://schema.org",
        "@graph": [website_node(), organization_node(), *[n for n in nodes if n]],
    }
