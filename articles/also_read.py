"""Also Read: the published articles a reader gets at the end of a story.

Choice, in order, up to ``NEWSROOM_ALSO_READ_COUNT`` with no duplicates:

1. pins: articles an editor pinned on this one, in their order, once public;
2. ranked: public articles sharing tags with this one, best score first;
3. fallback: the latest public articles of the same section.

Never the article itself, never a draft or scheduled article, and (for 2 and
3) never an article the body already links to.

Ranking. Each shared tag counts by its rarity among public articles
(inverse document frequency)::

    score(c) = sum over tags t shared by the article and c of ln(1 + N / df(t))

where N is the number of public articles and df(t) the number of public
articles carrying t (``TagUsage``). In an archive of 100,000 a tag on 3
articles weighs ln(33,334) = 10.4, a tag on half the archive ln 3 = 1.1, so
"News" cannot drown out "Harbour tunnel"; a tag on every article still
weighs ln 2, so it links articles when nothing better does.

A tag links c to the article only if c is among the tag's
``NEWSROOM_ALSO_READ_TAG_WINDOW`` most recent public articles (2,000 by
default). Rare tags are never cut (they have fewer articles than that);
a tag on 30,000 articles links only to its recent ones. This is the mild
preference for recent stories, and it bounds the work of one list.
Ties, and near-ties within 1e-6 (scores are compared in millionths), break by publication time (newer first),
then by id, so the list never shuffles between requests.

Cost. Pins, ranking (weights included) and fallback are one SQL statement,
the same on PostgreSQL and SQLite; the shared tags for display are a second.
The ranking reads only the tag index: each tag link carries its article's
public time (``TaggedArticle.public_from``), and a partial index on
(tag, public_from, article) gives each tag's window as one index range, so
the database sums at most (tags x window) links without touching the
article table, then keeps the top k.

Caching. Each list is cached in the shared cache with the dependency tags
of what it shows and of what chooses it (``articles.caching``): the
article's own tag (its tags, body links and pins), the tags of the stories
it lists (a takedown or an edit of one of them leaves or changes it), the
tag names it shows, and its own ``also-read-<id>`` tag. A story that joins
tags (published, retagged, its scheduled time come) drops only the lists it
would enter: each list keeps its floor, the score of its last ranked item,
and the newcomer's score for every article sharing those tags is summed in
one query; lists it reaches at the floor or above are dropped (a list with
fallback items is dropped by any newcomer and by a new story of its
section). Weights drift as tags gain stories; that alone never drops a
list. N is counted at most once a minute for every process.
"""

import json
import logging
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.urls import Resolver404, resolve
from django.utils import timezone
from taggit.models import Tag

from newsroom.background import soon
from newsroom.dependencies import cached, depends_on, drop, get_many, in_use, invalidate, quietly

from . import renditions
from .caching import ALSO_READ, also_read_tag, article_tag, section_list, section_tag, tag_tag
from .models import AlsoReadPin, Article, Section, TaggedArticle, TagUsage

log = logging.getLogger(__name__)

PINNED, RANKED, SECTION = "pinned", "ranked", "section"
BEGINNING = datetime(1, 1, 1, tzinfo=UTC)


@dataclass
class AlsoReadItem:
    id: int
    headline: str
    url: str
    section_name: str
    section_url: str
    published_at: datetime
    reason: str
    section_id: int = 0
    score: int | None = None  # millionths, for ranked items
    shared_tags: list = field(default_factory=list)  # (name, url) pairs, by name
    hero_renditions: dict = field(default_factory=dict)  # for the thumbnail
    # The hero's original (url, width, height) while its renditions are being made.
    hero_original: tuple | None = None


def _statement(linked_count):
    article = Article._meta.db_table
    tagged = TaggedArticle._meta.db_table
    usage = TagUsage._meta.db_table
    pin = AlsoReadPin._meta.db_table
    section = Section._meta.db_table
    public = "{a}.status = %(published)s AND {a}.published_at <= %(now)s"
    not_linked = ""
    if linked_count:
        linked = ", ".join(f"%(linked_{n})s" for n in range(linked_count))
        not_linked = f"AND {{a}} NOT IN (SELECT id FROM {article} WHERE slug IN ({linked}))"
    not_pinned = f"{{a}} NOT IN (SELECT pinned_id FROM {pin} WHERE article_id = %(article)s)"
    # The ids of the tags each listed story shares with this one, comma-separated.
    if connection.vendor == "postgresql":
        shared_ids = "string_agg(CAST(x.tag_id AS TEXT), ',')"
    else:
        shared_ids = "group_concat(x.tag_id)"
    return f"""
WITH
weighted AS (
    SELECT ti.tag_id AS tag_id,
           LN(1 + CAST(%(total)s AS DOUBLE PRECISION) / u.public_articles) AS w,
           (SELECT p.public_from FROM {tagged} p
            WHERE p.tag_id = ti.tag_id AND p.public_from <= %(now)s
            ORDER BY p.public_from DESC LIMIT 1 OFFSET %(window_offset)s) AS since
    FROM {tagged} ti JOIN {usage} u ON u.tag_id = ti.tag_id
    WHERE ti.content_object_id = %(article)s AND u.public_articles > 0
),
scored AS (
    SELECT p.content_object_id AS id, SUM(w.w) AS score, MAX(p.public_from) AS public_from
    FROM weighted w JOIN {tagged} p ON p.tag_id = w.tag_id
    WHERE p.public_from <= %(now)s AND p.public_from >= COALESCE(w.since, %(beginning)s)
      AND p.content_object_id <> %(article)s
    GROUP BY p.content_object_id
),
ranked AS (
    SELECT id, CAST(score * 1000000 + 0.5 AS BIGINT) AS score, public_from FROM scored
    WHERE {not_pinned.format(a="id")} {not_linked.format(a="id")}
    ORDER BY CAST(score * 1000000 + 0.5 AS BIGINT) DESC, public_from DESC, id DESC
    LIMIT %(count)s
),
pinned AS (
    SELECT p.pinned_id AS id, p.position AS position
    FROM {pin} p JOIN {article} a ON a.id = p.pinned_id
    WHERE p.article_id = %(article)s AND {public.format(a="a")}
),
fallback AS (
    SELECT a.id AS id FROM {article} a
    WHERE a.section_id = %(section)s AND a.id <> %(article)s AND {public.format(a="a")}
      AND {not_pinned.format(a="a.id")} {not_linked.format(a="a.id")}
    ORDER BY a.published_at DESC, a.id DESC
    LIMIT %(fallback_count)s
),
chosen AS (
    SELECT id, 0 AS tier, position AS place, CAST(NULL AS BIGINT) AS score FROM pinned
    UNION ALL
    SELECT id, 1, ROW_NUMBER() OVER (ORDER BY score DESC, public_from DESC, id DESC), score FROM ranked
    UNION ALL
    SELECT id, 2, 0, CAST(NULL AS BIGINT) FROM fallback
)
SELECT a.id, c.tier, a.headline, a.slug, a.published_at, s.name, s.slug, a.hero_renditions, a.section_id,
       c.score, a.hero_image, a.hero_width, a.hero_height,
       (SELECT {shared_ids} FROM {tagged} x
        WHERE x.content_object_id = a.id
          AND x.tag_id IN (SELECT tag_id FROM {tagged} WHERE content_object_id = %(article)s)) AS shared
FROM chosen c
JOIN {article} a ON a.id = c.id
JOIN {section} s ON s.id = a.section_id
ORDER BY c.tier, c.place, a.published_at DESC, a.id DESC
"""


def linked_slugs(body):
    """Slugs of this site's articles that ``body`` links to."""
    site = urlsplit(settings.SITE_URL).netloc
    slugs = set()
    for href in re.findall(r'href="([^"]+)"', body):
        url = urlsplit(href)
        if url.netloc not in ("", site):
            continue
        try:
            match = resolve(url.path)
        except Resolver404:
            continue
        if match.view_name == "articles:detail":
            slugs.add(match.kwargs["slug"])
    return slugs


def public_total():
    return Article.objects.published().count()


def statement_params(article, count, total, linked):
    return {
        "article": article.pk,
        "section": article.section_id,
        "published": Article.Status.PUBLISHED,
        "now": timezone.now(),
        "count": count,
        "fallback_count": 2 * count,
        "total": total,
        "window_offset": settings.NEWSROOM_ALSO_READ_TAG_WINDOW - 1,
        "beginning": BEGINNING,
        **{f"linked_{n}": slug for n, slug in enumerate(linked)},
    }


def compute(article, count=None, total=None):
    """The Also Read list of ``article``, straight from the database.

    ``total`` is N, the number of public articles; the content version carries it.
    """
    count = count or settings.NEWSROOM_ALSO_READ_COUNT
    total = public_total() if total is None else total
    linked = sorted(linked_slugs(article.body))
    with connection.cursor() as cursor:
        cursor.execute(_statement(len(linked)), statement_params(article, count, total, linked))
        rows = cursor.fetchall()

    reasons = {0: PINNED, 1: RANKED, 2: SECTION}
    items, seen = [], set()
    tags = {tag.pk: (tag.name, tag.get_absolute_url()) for tag in article.tag_list}
    for row in rows:
        pk, tier, headline, slug, published_at, section_name, section_slug, hero, section_id, score = row[:10]
        original, original_width, original_height, shared = row[10:14]
        if pk in seen:
            continue
        seen.add(pk)
        section = Section(name=section_name, slug=section_slug)
        url = Article(slug=slug, section=section).get_absolute_url()
        if isinstance(published_at, str):  # SQLite returns raw SQL text
            published_at = datetime.fromisoformat(published_at)
        if published_at.tzinfo is None:  # SQLite stores UTC without saying so
            published_at = published_at.replace(tzinfo=UTC)
        if isinstance(hero, str):
            hero = json.loads(hero)
        items.append(
            AlsoReadItem(
                pk,
                headline,
                url,
                section_name,
                section.get_absolute_url(),
                published_at,
                reasons[tier],
                section_id=section_id,
                score=score,
                hero_renditions=hero or {},
                hero_original=renditions.pending_original(original, hero, original_width, original_height),
                # The article's own tags (prefetched on its page) name them: no query of their own.
                shared_tags=sorted(tags[int(n)] for n in (shared or "").split(",") if n and int(n) in tags),
            )
        )
        if len(items) == count:
            break
    return items


# Caching -------------------------------------------------------------------


PUBLIC_TOTAL_KEY = "also-read:public-total"
PUBLIC_TOTAL_SECONDS = 60


def cached_public_total():
    try:
        total = cache.get(PUBLIC_TOTAL_KEY)
    except Exception:
        log.warning("Shared cache unavailable; counting public articles", exc_info=True)
        return public_total()
    if total is None:
        total = public_total()
        quietly(cache.set, PUBLIC_TOTAL_KEY, total, PUBLIC_TOTAL_SECONDS)
    return total


FLOOR_PREFIX = "also-read-floor:"
# Weights move a little when a story joins a tag; a newcomer this close to the floor counts.
FLOOR_MARGIN = 0.98


def floor(items, count):
    """The least score (millionths) a newcomer needs to enter this list: 0 if any can, inf if none can."""
    ranked = [item.score for item in items if item.reason == RANKED]
    if len(items) < count or any(item.reason == SECTION for item in items):
        return 0
    return min(ranked) if ranked else math.inf  # only pins: no newcomer enters


def _compute_recording(article):
    count = settings.NEWSROOM_ALSO_READ_COUNT
    items = compute(article, count, total=cached_public_total())
    lowest = floor(items, count)
    depends_on(
        ALSO_READ,
        article_tag(article.pk),
        also_read_tag(article.pk),
        *(tag_tag(tag.pk) for tag in article.tag_list),  # the shared tags shown are among them
        *(article_tag(item.id) for item in items),
        *(section_tag(item.section_id) for item in items),
    )
    if lowest == 0:
        depends_on(section_list(article.section_id))  # a new story of the section would join the fallback
    quietly(cache.set, f"{FLOOR_PREFIX}{article.pk}", lowest, None)
    return items


def also_read(article):
    """The cached Also Read list of ``article``; see the module docstring."""
    return cached(f"also-read:{article.pk}", lambda: _compute_recording(article), 24 * 60 * 60)


def count_newly_public(articles, lost, **kwargs):
    links = TaggedArticle.objects.filter(content_object__in=articles)
    refresh_tag_usage(links.values_list("tag_id", flat=True))
    if lost:
        # A day's stories are a guess: drop every list rather than score each story.
        drop({ALSO_READ}, cdn_tags=set())
        return
    reached = set()
    for article_id in articles.values_list("pk", flat=True):
        reached |= lists_reached_by(article_id)
    # A scheduled time, in a reader's request: the app's cache only (see articles.caching).
    drop({also_read_tag(other) for other in reached}, cdn_tags=set())


# A newcomer in the lists of others ---------------------------------------------


def _scores_for_others(article_id, tag_ids):
    """{other article: the score ``article_id`` would have in its list (millionths)} through ``tag_ids``."""
    counted = TagUsage.objects.filter(tag_id__in=tag_ids, public_articles__gt=0)
    usage = dict(counted.values_list("tag_id", "public_articles"))
    if not usage:
        return {}
    total = cached_public_total()
    weights = {tag_id: math.log(1 + total / public) for tag_id, public in usage.items()}
    scores = {}
    links = TaggedArticle.objects.filter(tag_id__in=weights).exclude(content_object_id=article_id)
    for other, tag_id in links.values_list("content_object_id", "tag_id").iterator(chunk_size=5000):
        scores[other] = scores.get(other, 0) + weights[tag_id]
    return {other: round(score * 1_000_000) for other, score in scores.items()}


def lists_reached_by(article_id):
    """The articles whose cached Also Read list ``article_id`` may now enter, through all its tags.

    A list stores its floor (``floor``): a newcomer enters when its score
    reaches it (on a tie the newer story wins). Lists nobody has cached have
    no token to drop and are left alone.
    """
    scores = _scores_for_others(article_id, _article_tag_ids(article_id))
    if not scores:
        return set()
    try:
        cached_lists = in_use({also_read_tag(other): other for other in scores})
        floors = get_many(f"{FLOOR_PREFIX}{other}" for other in cached_lists.values())
    except Exception:
        # Without the cache no floor can be read: every list that shares a tag may be reached.
        log.warning("Shared cache unavailable; every Also Read list sharing a tag is dropped", exc_info=True)
        return set(scores)
    reached = set()
    for other in cached_lists.values():
        lowest = floors.get(f"{FLOOR_PREFIX}{other}", 0)  # unknown: assume any newcomer enters
        if scores[other] >= lowest * FLOOR_MARGIN:
            reached.add(other)
    return reached


def drop_lists_reached_by(article_id):
    """Drop, after commit, the Also Read lists a story that joined tags or came public may enter."""
    invalidate({also_read_tag(other) for other in lists_reached_by(article_id)})


def refresh_tag_usage(tag_ids):
    """Recount the public articles of each of ``tag_ids``: at once when there is no worker, else by
    a worker once the change commits (lists cached meanwhile weigh that tag by its old count)."""
    tag_ids = sorted(set(tag_ids))
    if not tag_ids:
        return
    from .tasks import recount_tags  # tasks import this module

    soon(recount_tags, tag_ids)


def recount_tag_usage(tag_ids):
    """Recount the public articles carrying each of ``tag_ids``, now."""
    tag_ids = set(tag_ids)
    if not tag_ids:
        return
    counts = dict(
        TaggedArticle.objects.filter(tag_id__in=tag_ids, public_from__lte=timezone.now())
        .values("tag_id")
        .annotate(n=Count("id"))
        .values_list("tag_id", "n")
    )
    TagUsage.objects.bulk_create(
        [TagUsage(tag_id=tag_id, public_articles=counts.get(tag_id, 0)) for tag_id in tag_ids],
        update_conflicts=True,
        unique_fields=["tag"],
        update_fields=["public_articles"],
    )


def refresh_all():
    """Recopy every link's public time and recount every tag (after bulk imports)."""
    published = Article.objects.filter(pk=OuterRef("content_object_id"), status=Article.Status.PUBLISHED)
    TaggedArticle.objects.update(public_from=Subquery(published.values("published_at")[:1]))
    recount_tag_usage(Tag.objects.values_list("id", flat=True))


# Invalidation --------------------------------------------------------------


def _article_tag_ids(article_id):
    return list(TaggedArticle.objects.filter(content_object_id=article_id).values_list("tag_id", flat=True))


def _public_from(article):
    return article.published_at if article.status == Article.Status.PUBLISHED else None


def follow_public_state(instance, **kwargs):
    TaggedArticle.objects.filter(content_object_id=instance.pk).update(public_from=_public_from(instance))
    refresh_tag_usage(_article_tag_ids(instance.pk))


def remember_tags_before_delete(instance, **kwargs):
    instance._also_read_tag_ids = _article_tag_ids(instance.pk)


def uncount_deleted(instance, **kwargs):
    # The tag links went first (cascade), so the counts are already right to take.
    refresh_tag_usage(getattr(instance, "_also_read_tag_ids", []))


def follow_retagging(instance, action, pk_set, **kwargs):
    if action == "pre_clear":
        instance._also_read_tag_ids = _article_tag_ids(instance.pk)
    elif action in ("post_add", "post_remove"):
        if action == "post_add":
            TaggedArticle.objects.filter(content_object_id=instance.pk, tag_id__in=pk_set).update(
                public_from=_public_from(instance)
            )
        refresh_tag_usage(pk_set or [])
    elif action == "post_clear":
        refresh_tag_usage(getattr(instance, "_also_read_tag_ids", []))
