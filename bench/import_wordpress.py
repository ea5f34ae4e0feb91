"""The WordPress import at size: a generated export of 10,000 posts, timed, with its peak memory.

The export has the shapes a newsroom's has: nested categories, a dozen tags a
post from a few thousand, a Yoast or Rank Math FAQ block in every third post,
co-authors, comments, SEO fields and block markup. It is written to a temporary
file, then imported into a fresh PostgreSQL database with ``manage.py
import_wordpress``'s own code, twice (the second run updates every post).

    .venv/bin/python bench/import_wordpress.py                 # 10,000 posts
    .venv/bin/python bench/import_wordpress.py --posts 500     # a smoke run

The database is BENCH_IMPORT_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/newsroom_import); it is emptied first.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from serving import ensure_postgres_database, setup_django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_import"
PARAGRAPH = "<!-- wp:paragraph --><p>{}</p><!-- /wp:paragraph -->"


def write_export(path, posts, seed):
    """A WXR 1.2 export of ``posts`` published posts, written as a stream."""
    from tests import wxr  # the same writer the tests use

    rng = random.Random(seed)
    tags = [f"Topic {n:04d}" for n in range(3000)]
    weights = [1 / (rank + 5) ** 1.1 for rank in range(len(tags))]
    head, tail = wxr.export(["@@ITEMS@@"]).split("@@ITEMS@@")
    with open(path, "w", encoding="utf-8") as out:
        out.write(head)
        for n in range(1, posts + 1):
            body = "".join(
                PARAGRAPH.format(f"Paragraph {p} of post {n}, with enough words to read.") for p in range(8)
            )
            if n % 3 == 0:
                body += wxr.yoast_faq_new([(f"Question {q} of post {n}?", f"Answer {q}.") for q in range(3)])
            elif n % 3 == 1:
                body += wxr.rank_math_faq(
                    [(f"Question {q} of post {n}?", f"Answer {q}.", True) for q in range(3)]
                )
            category = rng.choice(
                [("local", "Local"), ("premier-league", "Premier League"), ("news", "News")]
            )
            chosen = sorted(set(rng.choices(tags, weights, k=12)))
            out.write(
                wxr.item(
                    n,
                    f"Story number {n} of the archive",
                    slug=f"story-{n}",
                    content=body,
                    excerpt=f"What happened in story {n}.",
                    categories=[category],
                    tags=[(t.lower().replace(" ", "-"), t) for t in chosen],
                    coauthors=[("cap-msmith", "msmith")] if n % 5 == 0 else [],
                    comments=n % 4,
                    meta={"_yoast_wpseo_metadesc": f"Story {n} in short."},
                    date_gmt=f"20{10 + n % 15}-0{1 + n % 9}-1{n % 9} 10:00:00",
                )
            )
        out.write(tail)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_IMPORT_DATABASE_URL", DEFAULT_URL)
    ensure_postgres_database(database_url)
    setup_django(database_url)

    from django.core.management import call_command
    from django.db import connection

    from articles.imports import wordpress
    from articles.models import Article, ImportedPost

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        start = time.perf_counter()
        write_export(export, args.posts, args.seed)
        size = export.stat().st_size
        took = time.perf_counter() - start
        print(f"export of {args.posts:,} posts written ({size / 2**20:.1f} MB) in {took:.1f} s")
        rows = []
        for run in ("first run", "second run"):
            start = time.perf_counter()
            report = wordpress.run(export)
            seconds = time.perf_counter() - start
            rows.append((run, len(report.created), len(report.updated), len(report.skipped), seconds))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    stories, keyed = Article.objects.count(), ImportedPost.objects.count()
    print(f"PostgreSQL {pg_version}; {stories:,} stories, {keyed:,} keyed to posts")
    print(f"{'':12} {'created':>8} {'updated':>8} {'skipped':>8} {'seconds':>8} {'posts/s':>8}")
    for run, created, updated, skipped, seconds in rows:
        print(f"{run:12} {created:8,} {updated:8,} {skipped:8,} {seconds:8.1f} {args.posts / seconds:8.0f}")
    print(f"peak RSS of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
