"""How close the site's pages get to a static file, over real HTTP, in one run.

Builds a PostgreSQL database with the demo content plus synthetic articles,
starts two production servers (gunicorn, DEBUG off, 2 workers each) on
127.0.0.1, one with the database cache and one with Redis, and loads them with
wrk for a fixed time, case after case, round after round:

  static file       a file of the article page's bytes, served by gunicorn via whitenoise
  cached            the article page from the cache: the database cache, then Redis
  uncached          the article, home and tag pages rendered for every request (a query
                    string the page cache does not key, so the page is never stored),
                    the site's shared state (navigation, publisher, Also Read) warm, Redis

It prints requests/s, p50 and p99 and the ratio to the static file for each,
then Django's own time per page-cache miss in this process (test client,
Redis): the page rendered and stored, as after an edit of something it shows;
for the article (a story with an FAQ, not live) also with its Also Read list
recomputed (an edit of the story itself), for home and tag also after an edit
of one story they show (its card made again; for home's top story its plan
too), with the SQL query count of each; a live story (with its updates) is
timed too.

    .venv/bin/python bench/page_speed.py                  # 2 rounds of 10 s per case
    .venv/bin/python bench/page_speed.py --seconds 2 --rounds 1 --synthetic 200 --renders 20   # smoke

Needs wrk (apt-get install wrk) and Redis. BENCH_HTTP_DATABASE_URL picks the
database (default postgres://postgres@127.0.0.1:5432/newsroom_http_bench),
BENCH_REDIS_URL the Redis database (default redis://127.0.0.1:6379/2; emptied first).
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
    made = Article.objects.filter(slug__startswith="archive-").count()
    if made >= synthetic:
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
        for n in range(made, synthetic)  # a larger size adds to a smaller one
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


def miss_timings(paths, renders):
    """Django's time (ms) and SQL queries per page-cache miss of each page, in this process.

    Before each request the page's key is emptied here and in this process's copies, so
    the page renders and is stored; so is each of the case's other keys (for "article,
    Also Read too", that list's; for "a story edited", that story's card, and for home's
    top story the front page's plan too, as an edit of it drops them).
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, RequestFactory

    from newsroom.cache import page_key
    from newsroom.dependencies import local_copies

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    factory = RequestFactory(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    results = {}
    for name, (path, *others) in paths.items():
        keys = [page_key(factory.get(path), ""), *others]

        def miss(path=path, keys=keys):
            for key in keys:
                cache.delete(key)
                local_copies.discard(key)
            start = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (path, response.status_code)
            assert response["X-Cache"] == "MISS", path
            return elapsed

        for _ in range(max(3, renders // 10)):
            miss()  # warm the templates, the connection and the shared state
        statements = []

        def count(execute, sql, params, many, context, statements=statements):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            miss()
        results[name] = (statistics.median(miss() for _ in range(renders)), len(statements))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--synthetic", type=int, default=2000)
    parser.add_argument("--renders", type=int, default=300, help="misses timed in this process, per page")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    database_url = os.environ.get("BENCH_HTTP_DATABASE_URL", DEFAULT_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
    ensure_postgres_database(database_url)
    # This process measures Django's own time per request, with the Redis cache.
    os.environ.update(production_env(database_url, REDIS_URL=redis_url))
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Article

    print("building the database and static files ...", flush=True)
    cache.clear()  # this benchmark's own Redis database
    build(args.synthetic)
    call_command("collectstatic", "--noinput", verbosity=0)

    with_faq = Article.objects.published().exclude(hero_image="").filter(faq_entries__isnull=False)
    article = with_faq.filter(live=False).order_by("-published_at").first()
    live = Article.objects.published().filter(live=True).order_by("-published_at").first()
    tag = article.tags.order_by("name").first()
    pages = {"article": article.get_absolute_url(), "home": "/", "tag": tag.get_absolute_url()}
    page = Client(HTTP_HOST="127.0.0.1").get(pages["article"])
    assert page.status_code == 200, page.status_code
    html = page.content
    copy = Path(settings.STATIC_ROOT) / STATIC_COPY
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(html)  # before the servers start: whitenoise indexes files at start-up

    database_server = start_gunicorn(8101, production_env(database_url))
    redis_server = start_gunicorn(8102, production_env(database_url, REDIS_URL=redis_url))
    cases = {
        "static file, same bytes": f"http://127.0.0.1:8102{settings.STATIC_URL}{STATIC_COPY}",
        "article, cached: database": f"http://127.0.0.1:8101{pages['article']}",
        "article, cached: Redis": f"http://127.0.0.1:8102{pages['article']}",
        "article, uncached": f"http://127.0.0.1:8102{pages['article']}?bench=uncached",
        "home, uncached": "http://127.0.0.1:8102/?bench=uncached",
        "tag, uncached": f"http://127.0.0.1:8102{pages['tag']}?bench=uncached",
    }
    results = {name: [] for name in cases}
    try:
        for url in cases.values():
            for _ in range(3):
                urllib.request.urlopen(url).read()  # warm each path in both workers
        for round_number in range(args.rounds):
            for name, url in cases.items():
                print(f"round {round_number + 1}: {name} ...", flush=True)
                results[name].append(run_wrk(url, args.seconds, args.connections))
    finally:
        stop_gunicorn(database_server)
        stop_gunicorn(redis_server)

    from articles.listings import tag_page_ids
    from articles.views import front_page, front_page_key

    first_on_home = front_page(Article.objects.published())["latest"][0]
    first_on_tag = tag_page_ids(tag, 0, 1)[0]
    misses = miss_timings(
        {
            "article": (pages["article"],),
            "article, Also Read too": (pages["article"], f"also-read:{article.pk}"),
            **({"live story": (live.get_absolute_url(),)} if live else {}),
            "home": (pages["home"],),
            # A story at the top: its card, and the plan its picture may change.
            "home, a top story edited": (pages["home"], f"card:list:{first_on_home}", front_page_key()),
            "tag": (pages["tag"],),
            "tag, a story edited": (pages["tag"], f"card:list:{first_on_tag}"),
            "section": (article.section.get_absolute_url(),),
        },
        args.renders,
    )

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    print()
    published = Article.objects.published().count()
    print(f"PostgreSQL {pg_version}; {published:,} published articles; Redis at {redis_url}")
    rounds = f"{args.rounds} x {args.seconds} s each"
    print(f"wrk: 2 threads, {args.connections} connections, {rounds}, cases in turn")
    print(f"gunicorn: 2 sync workers per server; article {pages['article']}, tag {pages['tag']}")
    print(f"article page: {len(html):,} bytes of HTML ({len(gzip.compress(html)):,} gzipped; wrk asks plain)")
    print()
    print(f"{'case':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'/ static':>10}")
    static = None
    for name, runs in results.items():
        rps = sum(r["requests"] for r in runs) / (args.seconds * len(runs))
        static = static or rps
        p50 = statistics.median(r["p50"] for r in runs)
        p99 = statistics.median(r["p99"] for r in runs)
        errors = sum(r["errors"] for r in runs)
        print(f"{name:<28}{rps:>9,.0f}{p50:>9.2f}{p99:>9.2f}{errors:>8}{rps / static:>10.2f}")
    print()
    print(f"Django time per page-cache miss, this process, Redis (median of {args.renders}):")
    print(f"{'page':<28}{'ms':>9}{'SQL':>9}")
    for name, (median, queries) in misses.items():
        print(f"{name:<28}{median:>9.2f}{queries:>9}")


if __name__ == "__main__":
    main()
