from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from faq.jsonld import faq_page_node
from newsroom import jsonld
from newsroom.site import absolute

register = template.Library()


def _script(data):
    # dumps() escapes every character that could close the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(jsonld.dumps(data)))


@register.filter(name="absolute")
def absolute_filter(path):
    return absolute(path)


@register.simple_tag
def site_jsonld():
    return _script(jsonld.graph())


@register.simple_tag
def article_jsonld(article, breadcrumbs):
    url = absolute(article.get_absolute_url())
    return _script(
        jsonld.graph(
            jsonld.news_article_node(article, url),
            faq_page_node(article.faq_entries.all(), url),
            jsonld.breadcrumb_node(url, breadcrumbs),
        )
    )


@register.simple_tag
def listing_jsonld(owner, owner_kind, breadcrumbs):
    url = absolute(owner.get_absolute_url())
    person = jsonld.person_node(owner) if owner_kind == "author" else None
    return _script(jsonld.graph(person, jsonld.breadcrumb_node(url, breadcrumbs)))


@register.simple_tag
def faq_page_jsonld(page, breadcrumbs):
    url = absolute(page.get_absolute_url())
    return _script(
        jsonld.graph(faq_page_node(page.faq_entries.all(), url), jsonld.breadcrumb_node(url, breadcrumbs))
    )
