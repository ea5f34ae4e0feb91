from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom import jsonld
from newsroom.site import absolute

register = template.Library()


def _script(data):
    # dumps() escapes every character that could close the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(jsonld.dumps(data)))


@register.filter(name="absolute")
def absolute_filter(path):
    return absolute(path)


@register.simple_tag(takes_context=True)
def page_jsonld(context, name, description="", page_type="CollectionPage"):
    """A listing page's graph: home, FAQ list, search."""
    request = context["request"]
    crumbs = context.get("breadcrumbs") or [("Home", "/")]
    description = description or f"{settings.SITE_NAME}: news, analysis and explainers."
    return _script(jsonld.collection_graph(request.path, name, description, crumbs, page_type))


@register.simple_tag
def article_jsonld(article, breadcrumbs):
    return _script(jsonld.article_graph(article, breadcrumbs))


@register.simple_tag
def listing_jsonld(owner, owner_kind, breadcrumbs, description=""):
    path = owner.get_absolute_url()
    if owner_kind == "author":
        about = jsonld.person_node(owner)
        return _script(
            jsonld.collection_graph(path, owner.name, description, breadcrumbs, "ProfilePage", about=about)
        )
    return _script(jsonld.collection_graph(path, str(owner), description, breadcrumbs))


@register.simple_tag
def faq_page_jsonld(page, breadcrumbs):
    return _script(jsonld.faq_page_graph(page, breadcrumbs))


@register.filter
def machine_time(value):
    """A time for ``<time datetime>``: ISO 8601 to the second, in the site's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
