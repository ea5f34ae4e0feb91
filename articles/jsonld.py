"""The JSON-LD of what the newsroom publishes: NewsArticle, its pictures, Person.

``newsroom.jsonld`` gives the site-wide nodes and the graph around them;
``faq.jsonld`` the Questions of an article's FAQ section.
"""

from django.utils import timezone

from faq.jsonld import faq_page_fields, question_nodes
from newsroom.jsonld import (
    breadcrumb_node,
    collection_graph,
    graph,
    organization_id,
    picture_rights,
    ref,
    webpage_node,
)
from newsroom.site import absolute, language

from . import renditions


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


def hero_rights(article):
    """The hero picture's credit and rights: its own, or the publisher's for a staff picture."""
    return picture_rights(
        article.hero_credit, article.hero_copyright, article.hero_license, article.hero_license_page
    )


def image_nodes(article, page_url):
    """The hero as 16:9 (the page's primary image), 4:3 and 1:1 renditions; the original without them."""
    caption = article.hero_caption or article.hero_alt
    rights = hero_rights(article)
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
                **rights,
            }
        )
    return nodes


def live_fields(article, url):
    """A live story is a LiveBlogPosting: its coverage times and each update as a BlogPosting."""
    start = article.coverage_start or article.published_at or timezone.now()
    fields = {"@type": "LiveBlogPosting", "coverageStartTime": start.isoformat()}
    if article.coverage_end:
        fields["coverageEndTime"] = article.coverage_end.isoformat()
    fields["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "@id": f"{url}#{update.anchor}",
            "url": f"{url}#{update.anchor}",
            "headline": update.headline,
            "datePublished": update.published_at.isoformat(),
            "articleBody": "\n\n".join(update.paragraphs),
            **({"image": absolute(update.picture.url)} if update.picture else {}),
        }
        for update in article.live_updates.all()  # prefetched by the page
    ]
    return fields


def article_graph(article, breadcrumbs):
    url = absolute(article.get_absolute_url())
    entries = article.faq_list
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
        "keywords": [tag.name for tag in article.tag_list],
        "wordCount": len(article.body_text.split()),
        "inLanguage": language(),
    }
    if images:
        news["image"] = [ref(image["@id"]) for image in images]
    if article.live:
        news.update(live_fields(article, url))
    if article.corrections_record:
        news["correction"] = [
            {"@type": "CorrectionComment", "text": item["text"], "datePublished": item["published_at"]}
            for item in article.corrections_record
        ]
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


def listing_graph(owner, kind, breadcrumbs):
    """A section's or tag's CollectionPage, or an author's ProfilePage about their Person."""
    about = person_node(owner) if kind.is_person else None
    description = kind.jsonld_description(owner)
    return collection_graph(
        owner.get_absolute_url(), str(owner), description, breadcrumbs, kind.page_type, about=about
    )
