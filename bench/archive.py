"""Reader and admin pages at archive scale, uncached: p50 and p95 of every page an archive makes slow.

Builds (once) a synthetic archive in its own PostgreSQL database: 100,000
published stories with about ten tags each (a million tag links, popularity
Zipf-like: bench/synthetic.py) and 50 revisions a story (bench/history.py).
One story in five has "council" in its headline, ten have "lighthouse".
Every page is then requested through Django's test client with every cache
off (each request renders from the database): the admin's change list
(plain, filtered, searched) and its autocompletes signed in as an editor,
the reader pages, search, each sitemap and the feeds anonymously.

For each page it prints p50 and p95 in milliseconds, the SQL queries and the
slowest of them; with ``--explain`` the ``EXPLAIN (ANALYZE, BUFFERS)`` of the
slowest query of every page whose p50 is above ``--explain-over`` ms.

    .venv/bin/python bench/archive.py                                    # 100,000 stories
    .venv/bin/python bench/archive.py --explain
    .venv/bin/python bench/archive.py --articles 2000 --revisions 2 --tags 300 --samples 3   # smoke

The database is BENCH_ARCHIVE_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/newsroom_archive); it is created if missing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from history import admin_pages_without_collectstatic, editor_client, ensure_archive
from serving import ensure_postgres_database, percentile, setup_django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_archive"
COMMON, RARE, NOTHING = "council", "lighthouse", "zeppelinaut"


def build(args):
    from django.db import connection

    from articles import search
    from articles.models import Article

    ensure_archive(args)
    if not Article.objects.filter(headline__contains=COMMON).exists():
        print("giving stories words to search for ...", flush=True)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE articles_article SET headline = headline || CASE "
                "WHEN id %% 5 = 0 THEN ' before the ' || %s WHEN id %% 10000 = 7 THEN ' by the ' || %s "
                "ELSE '' END",
                [COMMON, RARE],
            )
        search.refresh_vectors()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE articles_article")
    return Article.objects.count()


def pages():
    """(name, path, signed in) of every page timed, from the archive as built."""
    from django.conf import settings
    from django.urls import reverse
    from taggit.models import Tag

    from articles.models import Author, Section

    section = Section.objects.order_by("position").first()
    author = Author.objects.order_by("pk").first()
    top_tag = Tag.objects.order_by("-usage__public_articles").first()
    deep = min(500, max(1, top_tag.usage.public_articles // settings.NEWSROOM_PAGE_SIZE))
    changelist = reverse("admin:articles_article_changelist")
    autocomplete = reverse("admin:autocomplete")
    listed = [
        ("admin: change list", changelist, True),
        ("admin: section and status", f"{changelist}?section__id__exact={section.pk}&status__exact=published",
         True),
        ("admin: searched", f"{changelist}?q={COMMON}", True),
        ("admin: tag suggestions", reverse("admin:articles_article_tag_suggestions") + "?q=topic 01", True),
        ("admin: author autocomplete",
         f"{autocomplete}?app_label=articles&model_name=articleauthor&field_name=author&term=report", True),
        ("admin: pin autocomplete",
         f"{autocomplete}?app_label=articles&model_name=alsoreadpin&field_name=pinned&term={RARE}", True),
        ("home", "/", False),
        ("section", section.get_absolute_url(), False),
        ("top tag, page 1", top_tag.get_absolute_url(), False),
        (f"top tag, page {deep}", f"{top_tag.get_absolute_url()}?page={deep}", False),
        ("author", author.get_absolute_url(), False),
        ("search: common word", f"/search/?q={COMMON}", False),
        ("search: rare word", f"/search/?q={RARE}", False),
        ("search: no match", f"/search/?q={NOTHING}", False),
        ("sitemap index", "/sitemap.xml", False),
    ]  # fmt: skip
    from newsroom.sitemaps import SITEMAPS

    for name, sitemap in SITEMAPS.items():
        last = sitemap().paginator.num_pages
        listed.append((f"sitemap: {name}", f"/sitemap-{name}.xml", False))
        if last > 1:
            listed.append((f"sitemap: {name}, last page", f"/sitemap-{name}.xml?p={last}", False))
    listed += [
        ("news sitemap", "/sitemap-news.xml", False),
        ("feed: site", "/feeds/rss.xml", False),
        ("feed: site, full text", "/feeds/full/atom.xml", False),
        ("feed: section", f"/feeds/section/{section.slug}/rss.xml", False),
        ("feed: top tag", f"/feeds/tag/{top_tag.slug}/rss.xml", False),
        ("feed: author", f"/feeds/author/{author.slug}/rss.xml", False),
    ]
    return listed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--revisions", type=int, default=50)
    parser.add_argument("--tags", type=int, default=5_000)
    parser.add_argument("--samples", type=int, default=15, help="requests timed per page")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the slowest query of slow pages")
    parser.add_argument("--explain-over", type=float, default=20.0, help="ms of p50 that counts as slow")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_ARCHIVE_DATABASE_URL", DEFAULT_URL)
    ensure_postgres_database(database_url)
    setup_django(database_url, DJANGO_ALLOWED_HOSTS="testserver", DJANGO_CACHE_DISABLED="1")
    admin_pages_without_collectstatic()

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    stories = build(args)
    reader, staff = Client(), editor_client()

    rows, slowest = [], {}
    for name, path, signed_in in pages():
        client = staff if signed_in else reader
        response = client.get(path)  # warm: templates, the connection, PostgreSQL's buffers
        assert response.status_code == 200, (name, path, response.status_code)
        timings = []
        for _ in range(args.samples):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
        worst = max(captured.captured_queries, key=lambda q: float(q["time"]), default=None)
        slowest[name] = worst
        worst_ms = float(worst["time"]) * 1000 if worst else 0.0
        rows.append((name, percentile(timings, 0.5), percentile(timings, 0.95), len(captured), worst_ms))

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM articles_taggedarticle")
        links = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reversion_revision")
        revisions = cursor.fetchone()[0]
    print()
    print(f"PostgreSQL {pg_version}; {stories:,} stories, {links:,} tag links, {revisions:,} revisions;")
    print(f"every cache off; {args.samples} requests a page through Django's test client")
    print(f"{'page':<34}{'p50 ms':>9}{'p95 ms':>9}{'SQL':>6}{'slowest SQL ms':>16}")
    for name, p50, p95, queries, worst_ms in rows:
        print(f"{name:<34}{p50:>9.1f}{p95:>9.1f}{queries:>6}{worst_ms:>16.1f}")
    over = [name for name, p50, *_ in rows if p50 > 50]
    print(f"\npages over 50 ms p50: {', '.join(over) if over else 'none'}")
    print(f"median of the p50s: {statistics.median(p50 for _, p50, *_ in rows):.1f} ms")

    if args.explain:
        for name, p50, *_ in rows:
            if p50 <= args.explain_over or slowest[name] is None:
                continue
            print(f"\n== {name}: EXPLAIN (ANALYZE, BUFFERS) of its slowest query")
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest[name]["sql"])
                print("\n".join(line for (line,) in cursor.fetchall()))


if __name__ == "__main__":
    main()
