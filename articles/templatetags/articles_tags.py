from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import jsonld, renditions
from newsroom.jsonld import script
from newsroom.publisher import identity

register = template.Library()


@register.simple_tag
def picture(record, shape, alt, sizes, display_width=800, priority=False, css_class="", original=None):
    """A ``<picture>`` of one rendition shape: WebP sources, a JPEG ``<img>`` with its size set.

    ``sizes`` tells the browser how wide the picture is drawn, so it fetches the
    smallest file that fills it; ``display_width`` picks the JPEG for browsers
    that read neither. ``priority`` marks the page's lead image: fetched first,
    never lazily. Every other picture loads when it nears the viewport.
    ``original`` (url, width, height) is shown while the renditions are being made.
    """
    rendition = (record or {}).get(shape)
    loading = mark_safe(' fetchpriority="high"' if priority else ' loading="lazy"')
    attributes = format_html(' class="{}"', css_class) if css_class else ""
    if not rendition:
        if not original:
            return ""
        url, width, height = original
        return format_html(
            '<picture{}><img src="{}" alt="{}" width="{}" height="{}" decoding="async"{}></picture>',
            attributes,
            url,
            alt,
            width,
            height,
            loading,
        )
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


@register.simple_tag
def byline(article):
    """``By A, B and C``, each name a link to its author's page; nothing without authors."""
    authors = article.ordered_authors
    if not authors:
        return ""
    *others, last = [format_html('<a href="{}">{}</a>', a.get_absolute_url(), a.name) for a in authors]
    if others:
        last = format_html("{} and {}", format_html_join(", ", "{}", ((link,) for link in others)), last)
    return format_html('<span class="byline">By {}</span>', last)


@register.simple_tag
def hero_picture(article, sizes, display_width=800):
    """The article's hero: its 16:9 renditions, or the original until they exist; the page's first image."""
    return picture(
        article.hero_renditions,
        "16x9",
        article.hero_alt,
        sizes,
        display_width,
        priority=True,
        original=article.hero_original,
    )


@register.simple_tag
def share_image(article):
    """What a share of the story shows: the hero's 1,200 px 16:9 rendition, else its original.

    None without a hero: the page then shares the publication's card.
    """
    if not article.hero_image:
        return None
    wide = (article.hero_renditions or {}).get("16x9")
    if wide:
        found = {"url": renditions.url(wide), "width": wide["width"], "height": wide["height"]}
    else:
        found = {"url": article.hero_image.url, "width": article.hero_width, "height": article.hero_height}
    return {**found, "alt": article.hero_alt}


@register.simple_tag
def picture_credit(article):
    """Who the hero picture is by, as its caption shows it: its credit, or the newsroom for staff work."""
    return article.hero_credit or identity()["name"]


@register.filter
def key_events(updates):
    """The key events among a live story's updates, newest first."""
    return [update for update in updates if update.key_event]
