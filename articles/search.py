"""Searching published articles.

PostgreSQL: a stored, weighted ``tsvector`` (headline A; standfirst and tags
B; body C) with a GIN index, queried with ``websearch`` syntax ("quoted
phrases", -exclusions, or), ranked with ``ts_rank`` and shown with highlighted
snippets. A query that finds nothing falls back to trigram similarity on
headlines, so "brige" still finds the bridge.

SQLite (the quickstart): every word must appear in the headline, standfirst
or body; headline matches come first.

Snippets are plain text: the database marks matches with control characters,
the text is escaped, and only then are the marks turned into ``<mark>``.
"""

import re

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Subquery, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag

from newsroom.background import soon

from .models import Article

START, STOP = "\x01", "\x02"
# How alike a headline's word and the words typed must be (pg_trgm's word similarity, 0 to 1).
LOOKS_LIKE = 0.4
SNIPPET_WORDS = 30

# The one definition of the vector; the migration that adds the column uses it too.
VECTOR_SQL = """
UPDATE articles_article a SET search_vector =
    setweight(to_tsvector(%(config)s, coalesce(a.headline, '')), 'A')
 || setweight(to_tsvector(%(config)s, coalesce(a.standfirst, '')), 'B')
 || setweight(to_tsvector(%(config)s, coalesce((
        SELECT string_agg(t.name, ' ') FROM articles_taggedarticle ti
        JOIN taggit_tag t ON t.id = ti.tag_id WHERE ti.content_object_id = a.id), '')), 'B')
 || setweight(to_tsvector(%(config)s, coalesce(a.body_text, '')), 'C')
"""


def is_postgres():
    return connection.vendor == "postgresql"


def refresh_vectors(article_ids=None, tag_id=None):
    """Recompute the vectors of ``article_ids``, or of the stories tagged ``tag_id``, or of all."""
    if not is_postgres():
        return
    sql, params = VECTOR_SQL, {"config": settings.NEWSROOM_SEARCH_CONFIG}
    if article_ids is not None:
        sql += " WHERE a.id = ANY(%(ids)s)"
        params["ids"] = list(article_ids)
    elif tag_id is not None:
        sql += " WHERE a.id IN (SELECT content_object_id FROM articles_taggedarticle WHERE tag_id = %(tag)s)"
        params["tag"] = tag_id
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refresh_soon(article_ids=None, tag_id=None):
    """``refresh_vectors`` at once when there is no worker, else by a worker once the change commits."""
    if not is_postgres():
        return
    from .tasks import refresh_search_vectors  # tasks import this module

    soon(refresh_search_vectors, article_ids=article_ids, tag_id=tag_id)


def refresh_saved_article(instance, **kwargs):
    refresh_soon([instance.pk])


def refresh_retagged_article(instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Article):
        refresh_soon([instance.pk])


def remember_tag_name(instance, **kwargs):
    instance._search_old_name = (
        Tag.objects.filter(pk=instance.pk).values_list("name", flat=True).first() if instance.pk else None
    )


def refresh_renamed_tag(instance, created, **kwargs):
    """A tag's name is in the vectors of its stories: a new name must find them, the old one not."""
    if not created and getattr(instance, "_search_old_name", instance.name) != instance.name:
        refresh_soon(tag_id=instance.pk)


def mark(text):
    """Escape ``text`` and turn the database's match marks into <mark> elements."""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def _plain_snippet(text, words, width=240):
    """Whole words around the first word that starts with a query word; those words marked (SQLite)."""
    alternatives = "|".join(re.escape(word) for word in words)
    pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    first = pattern.search(text) if words else None
    start = max(0, first.start() - 80) if first else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + width
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = text[start:end]
    if words:
        excerpt = pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", excerpt)
    return ("…" if start else "") + excerpt + ("…" if end < len(text) else "")


def search(articles, query):
    """``articles`` (already published) matching ``query``, best first, each with a ``snippet``."""
    if is_postgres():
        return _search_postgres(articles, query)
    return _search_plain(articles, query)


def _search_postgres(articles, query):
    config = settings.NEWSROOM_SEARCH_CONFIG
    ts_query = SearchQuery(query, search_type="websearch", config=config)
    headline = SearchHeadline(
        "body_text",
        ts_query,
        config=config,
        start_sel=START,
        stop_sel=STOP,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS // 2,
    )
    found = (
        articles.filter(pk__in=_candidates(articles.filter(search_vector=ts_query)))
        .annotate(rank=SearchRank(F("search_vector"), ts_query), snippet_text=headline)
        .order_by("-rank", "-published_at", "-id")
    )
    if found.exists():
        return found
    # Nothing matched as written: try headlines with a word that looks like the words typed.
    # The operator (not a similarity computed for every public headline) lets PostgreSQL
    # find them through the trigram index on headlines.
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(LOOKS_LIKE)])
    look_alikes = articles.filter(TrigramWordSimilar(F("headline"), Value(query)))
    return (
        articles.filter(pk__in=_candidates(look_alikes))
        .annotate(similarity=TrigramWordSimilarity(query, "headline"), snippet_text=F("standfirst"))
        .order_by("-similarity", "-published_at", "-id")
    )


def _candidates(matches):
    """The stories of ``matches`` to rank: all of them, or the newest when there are very many.

    Every match is ranked when there are at most ``NEWSROOM_SEARCH_CANDIDATES`` (the
    index names them, and reading that many stories is quick). A commoner word is ranked
    among its newest matches only: ranking every story with a word in a fifth of the
    archive would read each of them for a page of twelve.
    """
    limit = settings.NEWSROOM_SEARCH_CANDIDATES
    found = list(matches.order_by().values_list("pk", flat=True)[: limit + 1])
    if len(found) <= limit:
        return found
    return Subquery(matches.order_by("-published_at", "-id").values("pk")[:limit])


def staff_search(articles, term):
    """``articles`` (any status) whose vector has every word of ``term`` as a word beginning, or
    whose slug is ``term`` (PostgreSQL; the admin's search and its autocompletes)."""
    words = re.findall(r"\w+", term)[:10]
    if not words:
        return articles.filter(slug=term.strip())
    prefixes = SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config=settings.NEWSROOM_SEARCH_CONFIG
    )
    return articles.filter(Q(search_vector=prefixes) | Q(slug=term.strip()))


def _search_plain(articles, query):
    words = [word for word in query.replace('"', " ").split() if not word.startswith("-")][:10]
    if not words:
        return articles.none()
    for word in words:
        articles = articles.filter(
            Q(headline__icontains=word) | Q(standfirst__icontains=word) | Q(body_text__icontains=word)
        )
    first = words[0]
    return articles.annotate(
        rank=Case(
            When(headline__icontains=first, then=Value(2)),
            When(standfirst__icontains=first, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        snippet_text=F("body_text"),
    ).order_by("-rank", "-published_at", "-id")


def with_snippets(page, query):
    """Give each result on ``page`` a safe, highlighted ``snippet``."""
    words = [word for word in query.replace('"', " ").split() if not word.startswith("-")]
    for article in page:
        text = article.snippet_text or ""
        if START not in text:
            text = _plain_snippet(text, words)
        article.snippet = mark(text)
    return page
