"""How many reads a second the Most read counter absorbs: beacons over real HTTP to gunicorn.

Starts gunicorn (2 workers, the production settings) on 127.0.0.1 against its
own PostgreSQL database with one story, sends beacons from several threads
for a while, stops the server (its workers write what they hold), and checks
that the database counted every read sent. Prints reads a second and the
writes the database took.

    .venv/bin/python bench/most_read.py                       # 20 s, 8 threads
    .venv/bin/python bench/most_read.py --seconds 3           # a smoke run

The database is BENCH_READS_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/newsroom_reads); it is emptied first.
"""

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time

from serving import (
    PYTHON,
    ROOT,
    ensure_postgres_database,
    manage,
    production_env,
    start_gunicorn,
    stop_gunicorn,
)

PORT = 8161
READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("flush", interactive=False, verbosity=0)
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section
section = Section.objects.create(slug="city", name="City")
author = Author.objects.create(slug="ada-lane", name="Ada Lane")
article = Article.objects.create(
    headline="A busy story", slug="a-busy-story", standfirst="Everyone reads it.", body="<p>The story.</p>",
    section=section, status="published", published_at=timezone.now(),
)
ArticleAuthor.objects.create(article=article, author=author)
print(article.pk)
"""

TOTALS = """
import django
django.setup()
from django.db import connection
from django.db.models import Sum
from articles.models import ReadCount
with connection.cursor() as cursor:
    cursor.execute(
        "SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'articles_readcount'"
    )
    writes = cursor.fetchone()[0]
print(ReadCount.objects.aggregate(total=Sum("reads"))["total"] or 0, writes)
"""


def django(env, code):
    return subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    database_url = os.environ.get(
        "BENCH_READS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_reads"
    )
    ensure_postgres_database(database_url)
    env = production_env(database_url, DJANGO_ALLOWED_HOSTS="127.0.0.1")
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    story = int(django(env, SETUP))
    server = start_gunicorn(PORT, env)
    sent, failed = [0] * args.threads, [0] * args.threads
    deadline = time.monotonic() + args.seconds

    def reader(n):
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            try:
                connection.request(
                    "POST", f"/read/{story}/", headers={"User-Agent": READER, "Content-Length": "0"}
                )
                status = connection.getresponse().status
            except OSError:
                status = 0
            finally:
                connection.close()
            if status == 204:
                sent[n] += 1
            else:
                failed[n] += 1

    try:
        start = time.monotonic()
        threads = [threading.Thread(target=reader, args=(n,)) for n in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.monotonic() - start
    finally:
        stop_gunicorn(server)  # the workers write what they hold as they stop
    counted, writes = (int(value) for value in django(env, TOTALS).split())
    total = sum(sent)
    print(f"gunicorn, 2 workers, PostgreSQL; {args.threads} readers for {took:.1f} s")
    print(f"{'reads sent':>12} {'reads/s':>10} {'failed':>8} {'counted':>10} {'row writes':>11}")
    print(f"{total:12,} {total / took:10,.0f} {sum(failed):8,} {counted:10,} {writes:11,}")
    if counted != total:
        sys.exit(f"counted {counted:,} reads of {total:,} sent")


if __name__ == "__main__":
    main()
