import functools

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from newsroom import jsonld, pictures
from newsroom.site import absolute, language, link

register = template.Library()


class LinkNode(URLNode):
    """Django's ``{% url %}`` node, reversing through ``newsroom.site.link`` (remembered answers)."""

    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None) or getattr(
            getattr(request, "resolver_match", None), "namespace", None
        )
        try:
            url = link(self.view_name.resolve(context), args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """``{% url %}`` as Django spells it, each address reversed once per process.

    Templates that load this library after Django's builtins use this tag: a page
    links to the same few dozen addresses on every render.
    """
    node = django_url(parser, token)
    return LinkNode(node.view_name, node.args, node.kwargs, node.asvar)


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
    return _time_element(value, display, timezone.get_current_timezone_name(), get_language())


@functools.lru_cache(maxsize=4096)
def _time_element(value, display, zone, language):
    # Remembered: a list shows dozens of times, and formatting one costs tens of microseconds.
    return format_html(
        '<time datetime="{}">{}</time>', machine_time(value), format_date(timezone.localtime(value), display)
    )


@register.filter
def credited(body):
    """A sanitized body with each uploaded picture's credit in its caption (``newsroom.pictures``)."""
    return pictures.credited(body)
