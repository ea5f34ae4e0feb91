from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import jsonld, renditions
from newsroom.jsonld import script

register = template.Library()


@register.simple_tag
def picture(record, shape, alt, sizes, display_width=800, priority=False, css_class=""):
    """A ``<picture>`` of one rendition shape: WebP sources, a JPEG ``<img>`` with its size set.

    ``sizes`` tells the browser how wide the picture is drawn, so it fetches the
    smallest file that fills it; ``display_width`` picks the JPEG for browsers
    that read neither. ``priority`` marks the page's lead image: fetched first,
    never lazily. Every other picture loads when it nears the viewport.
    """
    rendition = (record or {}).get(shape)
    if not rendition:
        return ""
    loading = mark_safe(' fetchpriority="high"' if priority else ' loading="lazy"')
    attributes = format_html(' class="{}"', css_class) if css_class else ""
    webp = renditions.srcset(rendition, "webp")
    source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', webp, sizes) if webp else ""
    jpeg = renditions.srcset(rendition, "jpeg")
    srcset = format_html(' srcset="{}" sizes="{}"', jpeg, sizes) if jpeg else ""
    return format_html(
        '<picture{}>{}<img src="{}"{} alt="{}" width="{}" height="{}" decoding="async"{}></picture>',
        attributes,
        source,
        renditions.fallback_url(rendition, display_width),
        srcset,
        alt,
        rendition["width"],
        rendition["height"],
        loading,
    )


@register.simple_tag
def article_jsonld(article, breadcrumbs):
    return script(jsonld.article_graph(article, breadcrumbs))


@register.simple_tag
def listing_jsonld(owner, kind, breadcrumbs):
    """The graph of a section's, tag's or author's page (``kind``: an ``articles.listings.ListKind``)."""
    return script(jsonld.listing_graph(owner, kind, breadcrumbs))
