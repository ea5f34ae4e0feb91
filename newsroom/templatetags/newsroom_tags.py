from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from newsroom import jsonld, pictures
from newsroom.site import absolute, language

register = template.Library()


@register.filter(name="absolute")
def absolute_filter(path):
    return absolute(path)


@register.simple_tag(takes_context=True)
def page_jsonld(context, name, description="", page_type="CollectionPage"):
    """A listing page's graph: home, FAQ list, search."""
    request = context["request"]
    crumbs = context.get("breadcrumbs") or [("Home", "/")]
    description = description or f"{settings.SITE_NAME}: news, analysis and explainers."
    return jsonld.script(jsonld.collection_graph(request.path, name, description, crumbs, page_type))


@register.filter
def machine_time(value):
    """A time for ``<time datetime>``: ISO 8601 to the second, in the site's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.simple_tag
def site_language():
    """For pages rendered without a request (the 500 and 503 pages): the same as the context's."""
    return language()


@register.simple_tag
def time_element(value, display="j F Y"):
    """``<time datetime="...">3 December 2026</time>``: the machine time and the shown one."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', machine_time(value), format_date(timezone.localtime(value), display)
    )


@register.filter
def credited(body):
    """A sanitized body with each uploaded picture's credit in its caption (``newsroom.pictures``)."""
    return pictures.credited(body)
