"""Also Read at archive scale: speed against taggit's similar_objects(), and quality.

Builds (once) a synthetic archive in its own PostgreSQL database: 100,000
published articles, 5,000 tags with a Zipf-like popularity, about 10 tags per
article. Then, for a few hundred random articles, it times the uncached Also
Read statement, the cached path, and taggit's similar_objects() filtered to
published articles, and compares how often each ranking leans only on the
most common tags.

    .venv/bin/python bench/also_read.py            # build if needed, then measure
    .venv/bin/python bench/also_read.py --rebuild  # start from an empty archive

The database is BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/newsroom_bench); it is created if missing.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import synthetic  # bench/synthetic.py, beside this script
from serving import ensure_postgres_database, percentile, setup_django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench"


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - start) * 1000, result


def count_based(article, count):
    """The plain shared-tag count ranking, for the quality comparison."""
    from django.db.models import Count, Q

    from articles.models import Article

    tag_ids = list(article.tags.values_list("id", flat=True))
    return list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(tagged_items__tag_id__in=tag_ids)
        .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
        .order_by("-shared", "-published_at", "-id")
        .values_list("id", flat=True)[:count]
    )


def similar_published(article, count):
    from django.utils import timezone

    now = timezone.now()
    similar = article.tags.similar_objects()
    return [o for o in similar if o.status == "published" and o.published_at <= now][:count]


def only_common(article_tags, item_ids, top_common):
    from articles.models import TaggedArticle

    item_tags = {}
    for article_id, tag_id in TaggedArticle.objects.filter(content_object_id__in=item_ids).values_list(
        "content_object_id", "tag_id"
    ):
        item_tags.setdefault(article_id, set()).add(tag_id)
    return sum(
        1 for i in item_ids if (shared := item_tags.get(i, set()) & article_tags) and shared <= top_common
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--tags", type=int, default=5_000)
    parser.add_argument("--tags-per-article", type=float, default=10)
    parser.add_argument("--sample", type=int, default=300, help="random articles to time")
    parser.add_argument(
        "--similar-sample", type=int, default=40, help="of those, how many to time with taggit"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_postgres_database(database_url)
    setup_django(database_url)

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from articles import also_read
    from articles.models import Article, TaggedArticle, TagUsage

    call_command("migrate", verbosity=0)
    if args.rebuild or Article.objects.count() != args.articles:
        print(f"building {args.articles:,} articles ...", flush=True)
        start = time.perf_counter()
        synthetic.build(args.articles, args.tags, args.tags_per_article, args.seed)
        print(f"built in {time.perf_counter() - start:.0f} s", flush=True)

    links = TaggedArticle.objects.count()
    largest = list(
        TagUsage.objects.order_by("-public_articles").values_list("public_articles", flat=True)[:3]
    )
    median_tag = statistics.median(TagUsage.objects.values_list("public_articles", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]

    rng = random.Random(args.seed)
    ids = rng.sample(range(1, args.articles + 1), args.sample)
    sample = list(Article.objects.filter(pk__in=ids).order_by("?"))
    count = settings.NEWSROOM_ALSO_READ_COUNT

    total = also_read.public_total()
    for article in sample[:20]:  # warm the database's buffers and the connection
        also_read.compute(article, total=total)

    def run_statement(article):
        linked = sorted(also_read.linked_slugs(article.body))
        params = also_read.statement_params(article, count, total, linked)
        with connection.cursor() as cursor:
            cursor.execute(also_read._statement(len(linked)), params)
            return cursor.fetchall()

    statement_ms, compute_ms, cached_ms = [], [], []
    for article in sample:
        ms, _ = timed(run_statement, article)
        statement_ms.append(ms)
        ms, _ = timed(also_read.compute, article, count, total)
        compute_ms.append(ms)
        also_read.also_read(article)
        ms, _ = timed(also_read.also_read, article)
        cached_ms.append(ms)

    similar_ms = []
    for article in sample[: args.similar_sample]:
        ms, _ = timed(similar_published, article, count)
        similar_ms.append(ms)
    same_statement = statement_ms[: args.similar_sample]

    by_popularity = list(TagUsage.objects.order_by("-public_articles").values_list("tag_id", flat=True)[:100])
    tallies = {(ranking, top): 0 for ranking in ("counted", "weighted") for top in (10, 100)}
    counted_total = weighted_total = 0
    for article in sample:
        tags = set(article.tags.values_list("id", flat=True))
        counted = count_based(article, count)
        ranked = also_read.compute(article, count, total)
        weighted = [item.id for item in ranked if item.reason == also_read.RANKED]
        counted_total += len(counted)
        weighted_total += len(weighted)
        for top in (10, 100):
            common = set(by_popularity[:top])
            tallies["counted", top] += only_common(tags, counted, common)
            tallies["weighted", top] += only_common(tags, weighted, common)

    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print()
    print(f"PostgreSQL {pg_version}; {args.articles:,} published articles, {links:,} tag links")
    biggest = ", ".join(f"{n:,}" for n in largest)
    print(f"{args.tags:,} tags; the largest on {biggest} articles; median {median_tag:g}")
    print()
    print(f"{'path':<52}{'articles':>9}{'p50 ms':>9}{'p95 ms':>9}")
    rows = [
        ("Also Read statement, uncached", statement_ms),
        ("Also Read compute(): statement + items made", compute_ms),
        (f"Also Read cached path ({cache_backend})", cached_ms),
        ("taggit similar_objects() filtered to published", similar_ms),
        ("Also Read statement, same articles as taggit", same_statement),
    ]
    for name, values in rows:
        print(f"{name:<52}{len(values):>9}{percentile(values, 0.5):>9.2f}{percentile(values, 0.95):>9.2f}")
    ratio = percentile(similar_ms, 0.5) / percentile(same_statement, 0.5)
    print(f"\nsimilar_objects() / Also Read statement, p50, same {len(similar_ms)} articles: {ratio:,.0f}x")
    for top in (10, 100):
        print(f"\nAlso Read items whose only shared tags are among the {top} most common tags:")
        for name, key, items in [
            ("count-based ranking", "counted", counted_total),
            ("weighted ranking", "weighted", weighted_total),
        ]:
            share = tallies[key, top]
            print(f"  {name:<22}{share:>5} of {items:>5}  = {share / items:6.1%}")
    cache.clear()


if __name__ == "__main__":
    main()
