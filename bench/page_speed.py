"""How close an article page gets to a static file, over real HTTP.

Builds a PostgreSQL database with the demo content plus synthetic articles,
starts two production servers (gunicorn, DEBUG off, 2 workers each) on
127.0.0.1 -- one with every cache on, one with every cache off -- and loads
them with wrk for a fixed time, alternating:

  (a) the article page, caches off: every request renders from the database
  (b) the same page from the cache
  (c) a static file of the same bytes, served by the same gunicorn via whitenoise

It prints requests/s, p50 and p99 for each, the ratios (a)/(c) and (b)/(c),
and the article's query count, size and median render time in Django.

    .venv/bin/python bench/page_speed.py                  # 2 rounds of 10 s per case
    .venv/bin/python bench/page_speed.py --seconds 20 --rounds 3

Needs wrk (apt-get install wrk). BENCH_HTTP_DATABASE_URL picks the database
(default postgres://postgres@127.0.0.1:5432/newsroom_http_bench); REDIS_URL,
when set, is the cache of server (b).
"""

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from serving import (  # bench/serving.py, beside this script
    ensure_postgres_database,
    production_env,
    start_gunicorn,
    stop_gunicorn,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


PYTHON = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_http_bench"
STATIC_COPY = "bench/article-copy.html"


def build(synthetic):
    """Demo content plus ``synthetic`` published articles with tags, once."""
    from django.core.management import call_command
    from django.utils import timezone
    from taggit.models import Tag

    from articles.models import Article, ArticleAuthor, Author, Section, TaggedArticle

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    if Article.objects.filter(slug__startswith="archive-").count() >= synthetic:
        return
    sections, authors = list(Section.objects.all()), list(Author.objects.all())
    tags = list(Tag.objects.all())
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Archive story {n}",
            slug=f"archive-{n}",
            standfirst="A story from the archive.",
            body="<p>From the archive.</p>" * 20,
            body_text="From the archive. " * 20,
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(days=30, hours=n),
        )
        for n in range(synthetic)
    )
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=a, author=authors[n % len(authors)]) for n, a in enumerate(articles)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=a, tag=tags[(n * 7 + k * 13) % len(tags)])
        for n, a in enumerate(articles)
        for k in range(5)
    )
    call_command("also_read_refresh", verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as autovacuum keeps them in production


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, timeout=seconds + 30, check=True,
    ).stdout  # fmt: skip

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--synthetic", type=int, default=2000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    database_url = os.environ.get("BENCH_HTTP_DATABASE_URL", DEFAULT_URL)
    ensure_postgres_database(database_url)
    # This process measures Django's own time per request, with the caches the site uses.
    os.environ.update(production_env(database_url))
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from articles.models import Article

    print("building the database and static files ...", flush=True)
    build(args.synthetic)
    call_command("collectstatic", "--noinput", verbosity=0)

    article = (
        Article.objects.published()
        .exclude(hero_image="")
        .filter(faq_entries__isnull=False)
        .order_by("-published_at")
        .first()
    )
    path = article.get_absolute_url()
    client = Client(HTTP_HOST="127.0.0.1")
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    html = page.content

    # Django's own time on the uncached path, as after an edit of this story: the
    # site's shared state is warm, but neither the page nor its Also Read list is cached.
    def cold_render():
        cache.delete(f"also-read:{article.pk}")
        start = time.perf_counter()
        client.get(path)
        return (time.perf_counter() - start) * 1000

    without_page_cache = [m for m in settings.MIDDLEWARE if m != "newsroom.cache.PublicPageCacheMiddleware"]
    with override_settings(MIDDLEWARE=without_page_cache):
        cache.delete(f"also-read:{article.pk}")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        query_count = len(queries)  # read now: later requests reset the query log
        render_ms = [cold_render() for _ in range(300)]

    copy = Path(settings.STATIC_ROOT) / STATIC_COPY
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(html)  # before the servers start: whitenoise indexes files at start-up

    cached_env = production_env(database_url)
    uncached_env = production_env(database_url, DJANGO_CACHE_DISABLED="1")
    cached_server = start_gunicorn(8101, cached_env)
    uncached_server = start_gunicorn(8102, uncached_env)
    cases = {
        "(a) article, caches off": f"http://127.0.0.1:8102{path}",
        "(b) article, from cache": f"http://127.0.0.1:8101{path}",
        "(c) static file, same bytes": f"http://127.0.0.1:8101{settings.STATIC_URL}{STATIC_COPY}",
    }
    results = {name: [] for name in cases}
    try:
        for url in cases.values():
            urllib.request.urlopen(url).read()  # warm each path
        for round_number in range(args.rounds):
            for name, url in cases.items():
                print(f"round {round_number + 1}: {name} ...", flush=True)
                results[name].append(run_wrk(url, args.seconds, args.connections))
    finally:
        stop_gunicorn(cached_server)
        stop_gunicorn(uncached_server)

    cache_name = "Redis" if os.environ.get("REDIS_URL") else "the database cache"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    print()
    published = Article.objects.published().count()
    print(f"PostgreSQL {pg_version}; {published:,} published articles; cache: {cache_name}")
    rounds = f"{args.rounds} x {args.seconds} s each"
    print(f"wrk: 2 threads, {args.connections} connections, {rounds}, cases alternating")
    print(f"gunicorn: 2 sync workers; page {path}")
    print()
    print(f"{'case':<32}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    summary = {}
    for name, runs in results.items():
        rps = sum(r["requests"] for r in runs) / (args.seconds * len(runs))
        p50 = statistics.median(r["p50"] for r in runs)
        p99 = statistics.median(r["p99"] for r in runs)
        errors = sum(r["errors"] for r in runs)
        summary[name] = rps
        print(f"{name:<32}{rps:>10,.0f}{p50:>9.2f}{p99:>9.2f}{errors:>8}")
    static = summary["(c) static file, same bytes"]
    print()
    print(f"(a)/(c) = {summary['(a) article, caches off'] / static:.2f}")
    print(f"(b)/(c) = {summary['(b) article, from cache'] / static:.2f}")
    print()
    print(f"article page, uncached (shared state warm): {query_count} SQL queries")
    print(f"article page size: {len(html):,} bytes of HTML, {len(gzip.compress(html)):,} gzipped")
    median = statistics.median(render_ms)
    print(f"Django time per uncached request (test client, median of {len(render_ms)}): {median:.2f} ms")


if __name__ == "__main__":
    main()
