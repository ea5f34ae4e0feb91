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
Ties, and near-ties within 1e-6, break by publication time (newer first),
then by id, so the list never shuffles between requests.

Cost. Pins, ranking (weights included) and fallback are one SQL statement,
the same on PostgreSQL and SQLite; the shared tags for display are a second.
The ranking first scores only candidates found through the article's rarer
tags (posting lists adding up to ``RARE_POSTINGS``), then checks whether any
article reachable only through the common tags could beat the k-th score (it
cannot score more than the sum of the common tags' weights). Only when it
could does the statement fall back to aggregating every posting list, so
the answer is always exact.

Caching. Results are cached per article under a site-wide token. Any change
that can move any Also Read list (an article saved or deleted, tags added or
removed, a pin, a tag or section renamed) drops the token after the
transaction commits, so the next page view recomputes. A scheduled article
changes lists without any write, so the token also carries the next
scheduled publication time and is renewed once that time has passed.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils import timezone
from taggit.models import Tag

from .models import AlsoReadPin, Article, Section, TaggedArticle, TagUsage, public_q

STATE_KEY = "also-read:state"
# Posting-list rows the first, cheap pass may read (see "Cost" above).
RARE_POSTINGS = 5000

PINNED, RANKED, SECTION = "pinned", "ranked", "section"


@dataclass
class AlsoReadItem:
    id: int
    headline: str
    url: str
    section_name: str
    section_url: str
    published_at: datetime
    reason: str
    shared_tags: list = field(default_factory=list)  # (name, url) pairs, by name


def _statement(linked_count):
    article = Article._meta.db_table
    tagged = TaggedArticle._meta.db_table
    usage = TagUsage._meta.db_table
    pin = AlsoReadPin._meta.db_table
    section = Section._meta.db_table
    public = "{a}.status = %(published)s AND {a}.published_at <= %(now)s"
    candidate = (
        f"{public} AND {{a}}.id <> %(article)s "
        f"AND {{a}}.id NOT IN (SELECT pinned_id FROM {pin} WHERE article_id = %(article)s)"
    )
    if linked_count:
        linked = ", ".join(f"%(linked_{n})s" for n in range(linked_count))
        candidate += f" AND {{a}}.slug NOT IN ({linked})"
    return f"""
WITH
weighted AS (
    SELECT ti.tag_id AS tag_id, u.public_articles AS df,
           LN(1 + (SELECT COUNT(*) FROM {article} n WHERE {public.format(a="n")}) * 1.0
              / u.public_articles) AS w
    FROM {tagged} ti JOIN {usage} u ON u.tag_id = ti.tag_id
    WHERE ti.content_object_id = %(article)s AND u.public_articles > 0
),
ordered AS (
    SELECT tag_id, df, w,
           SUM(df) OVER (ORDER BY df, tag_id ROWS UNBOUNDED PRECEDING) - df AS before
    FROM weighted
),
common_bound AS (
    SELECT COALESCE(SUM(w), 0) AS b FROM ordered WHERE before >= %(rare_postings)s
),
hits AS (
    SELECT DISTINCT ti.content_object_id AS id
    FROM {tagged} ti JOIN {article} a ON a.id = ti.content_object_id
    WHERE ti.tag_id IN (SELECT tag_id FROM ordered WHERE before < %(rare_postings)s)
      AND {candidate.format(a="a")}
),
hit_scores AS (
    SELECT h.id AS id, SUM(o.w) AS score
    FROM hits h
    JOIN {tagged} ti ON ti.content_object_id = h.id
    JOIN ordered o ON o.tag_id = ti.tag_id
    GROUP BY h.id
),
top_hits AS (
    SELECT s.id AS id, s.score AS score
    FROM hit_scores s JOIN {article} a ON a.id = s.id
    ORDER BY ROUND(CAST(s.score AS NUMERIC), 6) DESC, a.published_at DESC, a.id DESC
    LIMIT %(count)s
),
settled AS (
    SELECT CASE WHEN (SELECT COUNT(*) FROM top_hits) >= %(count)s
                 AND (SELECT MIN(score) FROM top_hits) > (SELECT b FROM common_bound)
           THEN 1 ELSE 0 END AS yes
),
exhaustive AS (
    SELECT ti.content_object_id AS id, SUM(o.w) AS score
    FROM {tagged} ti
    JOIN ordered o ON o.tag_id = ti.tag_id
    JOIN {article} a ON a.id = ti.content_object_id
    WHERE (SELECT yes FROM settled) = 0 AND {candidate.format(a="a")}
    GROUP BY ti.content_object_id
),
scored AS (
    SELECT id, score FROM top_hits WHERE (SELECT yes FROM settled) = 1
    UNION ALL
    SELECT id, score FROM exhaustive
),
ranked AS (
    SELECT s.id AS id, ROW_NUMBER() OVER (
        ORDER BY ROUND(CAST(s.score AS NUMERIC), 6) DESC, a.published_at DESC, a.id DESC
    ) AS place
    FROM scored s JOIN {article} a ON a.id = s.id
),
pinned AS (
    SELECT p.pinned_id AS id, p.position AS position
    FROM {pin} p JOIN {article} a ON a.id = p.pinned_id
    WHERE p.article_id = %(article)s AND {public.format(a="a")}
),
fallback AS (
    SELECT a.id AS id FROM {article} a
    WHERE a.section_id = %(section)s AND {candidate.format(a="a")}
    ORDER BY a.published_at DESC, a.id DESC
    LIMIT %(fallback_count)s
),
chosen AS (
    SELECT id, 0 AS tier, position AS rank_in_tier FROM pinned
    UNION ALL
    SELECT id, 1, place FROM ranked WHERE place <= %(count)s
    UNION ALL
    SELECT id, 2, 0 FROM fallback
)
SELECT a.id, c.tier, a.headline, a.slug, a.published_at, s.name, s.slug
FROM chosen c
JOIN {article} a ON a.id = c.id
JOIN {section} s ON s.id = a.section_id
ORDER BY c.tier, c.rank_in_tier, a.published_at DESC, a.id DESC
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


def compute(article, count=None):
    """The Also Read list of ``article``, straight from the database."""
    count = count or settings.NEWSROOM_ALSO_READ_COUNT
    linked = sorted(linked_slugs(article.body))
    params = {
        "article": article.pk,
        "section": article.section_id,
        "published": Article.Status.PUBLISHED,
        "now": timezone.now(),
        "count": count,
        "fallback_count": 2 * count,
        "rare_postings": RARE_POSTINGS,
        **{f"linked_{n}": slug for n, slug in enumerate(linked)},
    }
    with connection.cursor() as cursor:
        cursor.execute(_statement(len(linked)), params)
        rows = cursor.fetchall()

    reasons = {0: PINNED, 1: RANKED, 2: SECTION}
    items, seen = [], set()
    for pk, tier, headline, slug, published_at, section_name, section_slug in rows:
        if pk in seen:
            continue
        seen.add(pk)
        section = Section(name=section_name, slug=section_slug)
        url = Article(slug=slug, section=section).get_absolute_url()
        if isinstance(published_at, str):  # SQLite returns raw SQL text
            published_at = datetime.fromisoformat(published_at)
        items.append(
            AlsoReadItem(
                pk, headline, url, section_name, section.get_absolute_url(), published_at, reasons[tier]
            )
        )
        if len(items) == count:
            break
    _attach_shared_tags(article, items)
    return items


def _attach_shared_tags(article, items):
    if not items:
        return
    links = (
        TaggedArticle.objects.filter(
            content_object_id__in=[item.id for item in items],
            tag__in=TaggedArticle.objects.filter(content_object_id=article.pk).values("tag_id"),
        )
        .select_related("tag")
        .order_by("tag__name")
    )
    by_article = {}
    for link in links:
        by_article.setdefault(link.content_object_id, []).append((link.tag.name, link.tag.get_absolute_url()))
    for item in items:
        item.shared_tags = by_article.get(item.id, [])


# Caching -------------------------------------------------------------------


def _new_state(previous):
    now = timezone.now()
    if previous is not None:
        # Scheduled articles whose time came since the last check change counts.
        came_public = Article.objects.published().filter(published_at__gt=previous["checked_at"])
        refresh_tag_usage(
            TaggedArticle.objects.filter(content_object__in=came_public).values_list("tag_id", flat=True)
        )
    next_change = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return {"token": uuid.uuid4().hex, "checked_at": now, "next_change": next_change}


def _token():
    state = cache.get(STATE_KEY)
    if state is None or (state["next_change"] and state["next_change"] <= timezone.now()):
        state = _new_state(state)
        cache.set(STATE_KEY, state, None)
    return state["token"]


def also_read(article):
    """The cached Also Read list of ``article``; see the module docstring."""
    key = f"also-read:{_token()}:{article.pk}"
    items = cache.get(key)
    if items is None:
        items = compute(article)
        cache.set(key, items, 24 * 60 * 60)
    return items


def forget():
    """Drop every cached list now, and again once the transaction commits.

    The second drop catches a reader that recomputed from the old data
    between the first drop and the commit.
    """
    cache.delete(STATE_KEY)
    transaction.on_commit(lambda: cache.delete(STATE_KEY))


def refresh_tag_usage(tag_ids):
    """Recount the public articles carrying each of ``tag_ids``."""
    tag_ids = set(tag_ids)
    if not tag_ids:
        return
    counts = dict(
        TaggedArticle.objects.filter(tag_id__in=tag_ids)
        .filter(public_q("content_object__"))
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


def refresh_all_tag_usage():
    refresh_tag_usage(Tag.objects.values_list("id", flat=True))


# Invalidation --------------------------------------------------------------


def _article_tag_ids(article_id):
    return list(TaggedArticle.objects.filter(content_object_id=article_id).values_list("tag_id", flat=True))


@receiver(post_save, sender=Article)
def _article_saved(instance, **kwargs):
    refresh_tag_usage(_article_tag_ids(instance.pk))
    forget()


@receiver(pre_delete, sender=Article)
def _article_deleting(instance, **kwargs):
    instance._also_read_tag_ids = _article_tag_ids(instance.pk)


@receiver(post_delete, sender=Article)
def _article_deleted(instance, **kwargs):
    # The tag links went first (cascade), so the counts are already right to take.
    refresh_tag_usage(getattr(instance, "_also_read_tag_ids", []))
    forget()


@receiver(m2m_changed, sender=TaggedArticle)
def _tags_changed(instance, action, pk_set, **kwargs):
    if action == "pre_clear":
        instance._also_read_tag_ids = _article_tag_ids(instance.pk)
    elif action in ("post_add", "post_remove"):
        refresh_tag_usage(pk_set or [])
        forget()
    elif action == "post_clear":
        refresh_tag_usage(getattr(instance, "_also_read_tag_ids", []))
        forget()


@receiver([post_save, post_delete], sender=AlsoReadPin)
@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Tag)
def _shown_data_changed(**kwargs):
    forget()
