"""Story cards: how a list shows a story, rendered once and shared by every process.

A card shows a story's picture, section, headline, standfirst, byline and
time. Each is kept in the shared cache under its story and variant, with the
dependency tags of what it shows (the story, its section, its authors), so an
edit renders again only the cards it changed, wherever they are listed. A page
of a list then needs its stories' ids, not their rows.

Variants: ``list`` (a list page's card), ``section`` (the same on its own
section's page, without the section label), ``row`` (a compact card of the
front page's section rows), ``card`` (older pages of the front page),
``lead`` (the front page's lead story) and ``most-read`` (an item of the most
read list).
"""

from functools import partial

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.dependencies import cached_many
from newsroom.templatetags.newsroom_tags import time_element

from . import caching
from .models import Article, with_bylines
from .templatetags.articles_tags import byline, picture

CARD_SIZES = "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 7rem"
ROW_SIZES = "(min-width: 72rem) 16rem, (min-width: 40rem) 30vw, 7rem"
LEAD_SIZES = "(min-width: 72rem) 45rem, (min-width: 60rem) 62vw, 100vw"
LIVE_BADGE = mark_safe('<span class="badge badge--live">Live</span> ')
# As long as a page: a card is dropped with its tags, and an unused one leaves the cache by itself.
CARD_SECONDS = 24 * 60 * 60


def card(article, level=2, compact=False, hide_section=False, sizes=CARD_SIZES):
    """One story in a list.

    ``level`` is the headline's heading level; ``compact`` drops the standfirst;
    ``sizes`` is how wide the picture is drawn; ``hide_section`` drops the
    section label on that section's own lists.
    """
    kicker = "" if hide_section else _kicker(article)
    standfirst = "" if compact else format_html('<p class="card__standfirst">{}</p>', article.standfirst)
    return format_html(
        '<article class="card{}">{}{}<h{} class="card__headline">{}<a href="{}">{}</a></h{}>{}'
        '<p class="meta">{} {}</p></article>',
        " card--compact" if compact else "",
        picture(
            article.hero_renditions,
            "16x9",
            "",
            sizes,
            400,
            css_class="card__media",
            original=article.hero_original,
        ),
        kicker,
        int(level),
        LIVE_BADGE if article.is_live_now else "",
        article.get_absolute_url(),
        article.headline,
        int(level),
        standfirst,
        byline(article),
        time_element(article.published_at),
    )


def lead(article):
    """The front page's lead story: its picture large and first, fetched before anything else."""
    return format_html(
        '<article class="lead">{}<div class="lead__text">{}'
        '<h2 class="lead__headline">{}<a href="{}">{}</a></h2>'
        '<p class="lead__standfirst">{}</p><p class="meta">{} {}</p></div></article>',
        picture(
            article.hero_renditions,
            "16x9",
            article.hero_alt,
            LEAD_SIZES,
            800,
            priority=True,
            css_class="lead__media",
            original=article.hero_original,
        ),
        _kicker(article),
        LIVE_BADGE if article.is_live_now else "",
        article.get_absolute_url(),
        article.headline,
        article.standfirst,
        byline(article),
        time_element(article.published_at, "j F Y, H:i"),
    )


def most_read_item(article):
    """A story in the most read list: its headline, a link."""
    return format_html(
        '<li><a href="{}">{}{}</a></li>',
        article.get_absolute_url(),
        LIVE_BADGE if article.is_live_now else "",
        article.headline,
    )


def _kicker(article):
    section = article.section
    return format_html('<p class="kicker"><a href="{}">{}</a></p>', section.get_absolute_url(), section.name)


VARIANTS = {
    "card": card,
    "list": lambda article: card(article, level=3),
    "section": lambda article: card(article, level=3, hide_section=True),
    "row": lambda article: card(article, level=3, compact=True, hide_section=True, sizes=ROW_SIZES),
    "lead": lead,
    "most-read": most_read_item,
}


def cards(ids, variant):
    """{pk: card} of the public stories ``ids`` as ``variant``, in order (none for one no longer public)."""
    return page_cards({variant: ids})[variant]


def page_cards(wanted):
    """{variant: {pk: card}} for ``wanted`` ({variant: ids}): every card of a page in one read of the cache.

    The cards not cached are made from one query for their stories and one for their bylines.
    """
    keys = {f"card:{variant}:{pk}": (variant, pk) for variant, ids in wanted.items() for pk in ids}

    def make(missing):
        stories = Article.objects.published().for_cards().filter(pk__in={keys[key][1] for key in missing})
        by_pk = {article.pk: article for article in with_bylines(list(stories))}
        return {
            key: partial(_made, by_pk[keys[key][1]], VARIANTS[keys[key][0]])
            for key in missing
            if keys[key][1] in by_pk
        }

    found = {variant: {} for variant in wanted}
    for key, made in cached_many(list(keys), make, CARD_SECONDS).items():
        variant, pk = keys[key]
        found[variant][pk] = made
    return found


def _made(article, render):
    caching.shows_card(article)
    return render(article)
