"""Story history at archive scale: the revisions page, compare and restore with 50 revisions a story.

Builds (once) a synthetic archive in its own PostgreSQL database (bench/synthetic.py:
100,000 published stories by default), then gives every story ``--revisions``
revisions with bulk SQL, as django-reversion and ``articles.revisions`` store
them: a ``Revision``, the story's ``Version`` and its ``RevisionContent`` lists.
It then times, through the admin's own views (Django's test client, signed in as
an editor), for random stories: the revisions page, comparing the two oldest
revisions, comparing the oldest with the story now, and restoring the oldest.

    .venv/bin/python bench/history.py                                   # 100,000 x 50
    .venv/bin/python bench/history.py --articles 2000 --revisions 5     # a smoke run

The database is BENCH_HISTORY_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/newsroom_history); it is created if missing.
"""

import argparse
import os
import random
import sys
import time
import warnings
from pathlib import Path

import synthetic  # bench/synthetic.py, beside this script
from serving import ensure_postgres_database, percentile, setup_django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_history"


def admin_pages_without_collectstatic():
    """The admin's pages name static files; this run has no collectstatic manifest (nor its folder)."""
    from django.conf import settings

    warnings.filterwarnings("ignore", message="No directory at")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def build_history(revisions):
    """Every story gets ``revisions`` revisions, oldest first, an hour apart; its lists in each."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from articles.models import Article

    content_type = ContentType.objects.get_for_model(Article).pk
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reversion_version, articles_revisioncontent, reversion_revision CASCADE")
        cursor.execute(
            "INSERT INTO reversion_revision (id, date_created, user_id, comment) "
            "SELECT (a.id - 1) * %(r)s + r, a.published_at + r * interval '1 hour', NULL, "
            "       CASE WHEN r = 1 THEN 'Created' ELSE 'Edited: headline, body' END "
            "FROM articles_article a, generate_series(1, %(r)s) r",
            {"r": revisions},
        )
        cursor.execute(
            """
            INSERT INTO reversion_version (object_id, db, format, serialized_data, object_repr,
                content_type_id, revision_id)
            SELECT a.id::text, 'default', 'json',
                   json_build_array(json_build_object('model', 'articles.article', 'pk', a.id,
                       'fields', json_build_object(
                           'headline', a.headline || ', draft ' || r, 'slug', a.slug,
                           'standfirst', a.standfirst, 'body', a.body || '<p>Edit ' || r || '.</p>',
                           'section', a.section_id, 'hero_image', '', 'hero_alt', '', 'hero_caption', '',
                           'hero_credit', '', 'seo_title', '', 'meta_description', '',
                           'status', 'published', 'published_at', a.published_at)))::text,
                   a.headline, %(ct)s, (a.id - 1) * %(r)s + r
            FROM articles_article a, generate_series(1, %(r)s) r
            """,
            {"r": revisions, "ct": content_type},
        )
        cursor.execute(
            """
            INSERT INTO articles_revisioncontent (revision_id, article_id, lists)
            SELECT (a.id - 1) * %(r)s + r, a.id,
                   json_build_object(
                       'bylines', (SELECT coalesce(json_agg(json_build_object('author', b.author_id,
                                          'name', u.name) ORDER BY b.position), '[]')
                                   FROM articles_articleauthor b JOIN articles_author u ON u.id = b.author_id
                                   WHERE b.article_id = a.id),
                       'tags', (SELECT coalesce(json_agg(t.name ORDER BY t.name), '[]')
                                FROM articles_taggedarticle l JOIN taggit_tag t ON t.id = l.tag_id
                                WHERE l.content_object_id = a.id AND (r > 1 OR t.id %% 2 = 0)),
                       'faq', json_build_array(json_build_object(
                           'question', 'What changed in edit ' || r || '?',
                           'answer', '<p>Answer ' || r || '.</p>')),
                       'pins', '[]'::json)
            FROM articles_article a, generate_series(1, %(r)s) r
            """,
            {"r": revisions},
        )
        cursor.execute("SELECT setval('reversion_revision_id_seq', (SELECT max(id) FROM reversion_revision))")
        cursor.execute("ANALYZE reversion_revision, reversion_version, articles_revisioncontent")


def ensure_archive(args):
    """The synthetic archive with its revisions (``args``: articles, tags, revisions, seed,
    rebuild), built when it is missing, of another size, or asked for."""
    from django.core.management import call_command

    from articles.models import RevisionContent

    call_command("migrate", verbosity=0)
    if args.rebuild or synthetic.archive_size() != args.articles:
        print(f"building {args.articles:,} articles ...", flush=True)
        start = time.perf_counter()
        synthetic.build(args.articles, args.tags, 10, args.seed)
        print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    if args.rebuild or RevisionContent.objects.count() < args.articles * args.revisions:
        print(f"writing {args.articles * args.revisions:,} revisions ...", flush=True)
        start = time.perf_counter()
        build_history(args.revisions)
        print(f"written in {time.perf_counter() - start:.0f} s", flush=True)


def editor_client():
    """A test client signed in as the benchmarks' editor (a superuser, made once)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    editor = get_user_model().objects.filter(username="bench-editor").first()
    if editor is None:
        editor = get_user_model().objects.create_superuser("bench-editor", "", "bench-only-password")
    client = Client()
    client.force_login(editor)
    return client


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--revisions", type=int, default=50)
    parser.add_argument("--tags", type=int, default=5_000)
    parser.add_argument("--sample", type=int, default=100, help="random stories to time")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_HISTORY_DATABASE_URL", DEFAULT_URL)
    ensure_postgres_database(database_url)
    setup_django(database_url, DJANGO_ALLOWED_HOSTS="testserver")
    admin_pages_without_collectstatic()

    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from reversion.models import Version

    from articles.models import Article, RevisionContent

    ensure_archive(args)
    client = editor_client()

    rng = random.Random(args.seed)
    # Stories no earlier run restored (they still have only their generated revisions).
    ids = rng.sample(range(1, args.articles + 1), min(args.articles, args.sample * 4))
    untouched = (
        RevisionContent.objects.filter(article_id__in=ids).values("article_id")
        .annotate(n=Count("id")).filter(n=args.revisions).values_list("article_id", flat=True)
    )  # fmt: skip
    stories = list(Article.objects.filter(pk__in=list(untouched)[: args.sample]))
    names = (
        "revisions page",
        "compare two revisions",
        "compare with now",
        "restore, retagged",
        "restore, same",
    )
    timings = {name: [] for name in names}
    queries = {}

    def timed(name, method, url, data=None):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = getattr(client, method)(url, data or {})
            timings[name].append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302), (name, response.status_code)
        queries[name] = len(captured)
        return response

    for story in stories[:5]:  # warm the connection, the templates and the buffers
        client.get(reverse("admin:articles_article_history", args=[story.pk]))
    for story in stories:
        oldest = list(RevisionContent.objects.filter(article=story).order_by("revision_id").values_list(
            "revision_id", flat=True)[:2])  # fmt: skip
        timed("revisions page", "get", reverse("admin:articles_article_history", args=[story.pk]))
        compare = reverse("admin:articles_article_compare", args=[story.pk])
        timed("compare two revisions", "get", compare, {"old": oldest[0], "new": oldest[1]})
        timed("compare with now", "get", compare, {"old": oldest[0], "new": "live"})
        # The oldest revision has half the story's tags: restoring it retags the story, which reaches
        # the Also Read lists of every story sharing a tag. Restoring it again leaves the tags alone.
        restore = reverse("admin:articles_article_restore", args=[story.pk, oldest[0]])
        timed("restore, retagged", "post", restore)
        timed("restore, same", "post", restore)

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    print()
    print(
        f"PostgreSQL {pg_version}; {Article.objects.count():,} stories, "
        f"{RevisionContent.objects.count():,} revisions, {Version.objects.count():,} versions; "
        f"{len(stories)} stories timed through the admin's views"
    )
    print(f"{'':24} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for name, values in timings.items():
        print(f"{name:24} {percentile(values, 0.5):8.1f} {percentile(values, 0.95):8.1f} {queries[name]:8d}")


if __name__ == "__main__":
    main()
