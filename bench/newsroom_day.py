"""A newsroom's day: readers on two app servers while an editor publishes, edits and unpublishes.

Builds (once) a synthetic archive in PostgreSQL (100,000 stories by default,
bench/synthetic.py), starts two production servers (gunicorn, DEBUG off,
2 workers each) on 127.0.0.1 sharing PostgreSQL and Redis, warms the cache
with the most read pages and --warm-seconds of readers alone, then for
--seconds runs:

- readers: threads that request, from either server, a story chosen with
  Zipf popularity over recency (the newest is read most), or the home page, a
  section page or a tag page (tags chosen by their popularity), plus a
  follower who keeps reading the story on the desk and the home page;
- an editor: a separate process that every --interval seconds publishes a
  story, edits its headline or unpublishes it, in turn, as the admin does.

It prints, for precise dependency tags and for a baseline that drops every
cached page on every write (a site-wide version): requests, hit ratio, p50
and p99 latency, re-renders per edit (a page rendered again after it was
cached), and stale responses. The hit ratio is also given without first
views (long-tail stories nobody had read since the servers started, which no
cache can answer) and their count. A response is judged when it was requested
after an edit's save had returned and answered before the next edit began;
it is stale when it shows anything older than that edit.

    .venv/bin/python bench/newsroom_day.py                      # 100,000 stories, 60 s per mode
    .venv/bin/python bench/newsroom_day.py --articles 2000 --seconds 10 --interval 2 \
        --warm 100 --warm-seconds 3

Targets only 127.0.0.1; stops by itself. BENCH_DAY_DATABASE_URL picks the
database (default postgres://postgres@127.0.0.1:5432/newsroom_day_bench),
BENCH_DAY_REDIS_URL the Redis database it empties (default redis://127.0.0.1:6379/14).
"""

import argparse
import bisect
import http.client
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from serving import ensure_postgres_database, manage, production_env, start_gunicorn, stop_gunicorn

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/newsroom_day_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
PORTS = (8141, 8142)
MODES = ("tags", "everything")


def setup_django(env):
    os.environ.update(env)
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()


# The archive -----------------------------------------------------------------------


def prepare(env, articles, tags):
    """The archive, built once, in its own process; returns the site's paths."""
    command = [PYTHON, __file__, "--prepare", "--articles", str(articles), "--tags", str(tags)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def site_paths(articles, tags):
    """Stories newest first, sections, tags most used first (Django set up)."""
    import synthetic

    from articles.models import Article, Section, TagUsage

    Article.objects.filter(slug__startswith="desk-").delete()
    if synthetic.archive_size() != articles:
        synthetic.build(articles, tags)
    stories = Article.objects.published().select_related("section").order_by("-published_at")
    used = TagUsage.objects.filter(public_articles__gt=0).select_related("tag").order_by("-public_articles")
    return {
        "stories": [story.get_absolute_url() for story in stories],
        "sections": [section.get_absolute_url() for section in Section.objects.all()],
        "tags": [usage.tag.get_absolute_url() for usage in used],
    }


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


# The editor ----------------------------------------------------------------------------


def editor(interval, seconds, drop_everything):
    """Run in its own process: every ``interval`` s publish, edit or unpublish; log each change as JSON."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from articles.models import Article, ArticleAuthor, Author, Section
    from newsroom.dependencies import EVERYTHING, invalidate

    Article.objects.filter(slug__startswith="desk-").delete()  # the desk's stories of an earlier run
    section, author = Section.objects.first(), Author.objects.first()
    staff = get_user_model().objects.filter(is_superuser=True).first()
    deadline = time.monotonic() + seconds
    story, revision = None, 0
    for number in itertools.count(1):
        if time.monotonic() >= deadline:
            break
        step = (number - 1) % 3
        started = time.time()
        with transaction.atomic():  # as the admin saves: one transaction, purges after commit
            if step == 0:
                revision = 1
                story = Article.objects.create(
                    headline=f"Desk-{number}-rev-{revision} council news",
                    slug=f"desk-{number}",
                    standfirst="Breaking.",
                    body="<p>First lines.</p>",
                    section=section,
                    status=Article.Status.PUBLISHED,
                    created_by=staff,
                )
                ArticleAuthor.objects.create(article=story, author=author)
                story.tags.add("topic 0001")
                action = "publish"
            elif step == 1:
                revision += 1
                story.headline = story.headline.replace(f"-rev-{revision - 1} ", f"-rev-{revision} ")
                story.save()
                action = "edit"
            else:
                story.status = Article.Status.DRAFT
                story.save()
                action = "unpublish"
            if drop_everything:
                invalidate({EVERYTHING})
        done = time.time()
        marker = story.headline.split(" ")[0] + " "
        change = {"action": action, "url": story.get_absolute_url(), "marker": marker, "started": started}
        print(json.dumps({**change, "done": done, "public": action != "unpublish"}), flush=True)
        time.sleep(max(0.0, interval - (time.time() - started)))


# The readers --------------------------------------------------------------------------


class Log:
    def __init__(self):
        self.lock = threading.Lock()
        self.responses = []  # (started, finished, server, path, status, x_cache, body or None)

    def add(self, record):
        with self.lock:
            self.responses.append(record)


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        answer = connection.getresponse()
        return answer.status, answer.getheader("X-Cache"), answer.read()
    finally:
        connection.close()


class Popularity:
    def __init__(self, paths, exponent):
        self.paths = paths
        self.cumulative = list(
            itertools.accumulate(1 / (rank**exponent) for rank in range(1, len(paths) + 1))
        )

    def pick(self, rng):
        return self.paths[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def top(self, count):
        return self.paths[:count]


def reader(site, stop, log, seed, desk):
    rng = random.Random(seed)
    while not stop.is_set():
        roll = rng.random()
        if desk is not None:
            path = desk["url"] if roll < 0.5 else "/"
            if desk["url"] is None:
                time.sleep(0.05)
                continue
        elif roll < 0.75:
            path = site["stories"].pick(rng)
        elif roll < 0.87:
            path = "/"
        elif roll < 0.94:
            path = rng.choice(site["sections"])
        else:
            path = site["tags"].pick(rng)
        port = rng.choice(PORTS)
        started = time.time()
        status, x_cache, body = fetch(port, path)
        keep = body if desk is not None else None
        log.add((started, time.time(), port, path, status, x_cache, keep))


def judge(changes, responses):
    """(judged, stale): responses checked against the edit before them, and those that were older."""
    judged = stale = 0
    for index, change in enumerate(changes):
        next_start = changes[index + 1]["started"] if index + 1 < len(changes) else float("inf")
        for started, finished, _, path, status, _, body in responses:
            if body is None or not (change["done"] < started and finished < next_start):
                continue
            if path == change["url"]:
                judged += 1
                if change["public"]:
                    stale += status != 200 or change["marker"].encode() not in body
                else:
                    stale += status != 404
            elif path == "/":
                judged += 1
                shown = change["marker"].encode() in body
                stale += shown != change["public"]
    return judged, stale


def run(mode, args, env, paths, log_renders):
    flush_redis(env["REDIS_URL"])
    servers = [start_gunicorn(port, env) for port in PORTS]
    try:
        site = {
            "stories": Popularity(paths["stories"], args.zipf),
            "sections": paths["sections"],
            "tags": Popularity(paths["tags"], 1.0),
        }
        warmed = [
            "/",
            *paths["sections"],
            *site["stories"].top(args.warm),
            *site["tags"].top(args.warm // 10),
        ]
        for path in warmed:
            for port in PORTS:
                fetch(port, path)
        log, stop, desk = Log(), threading.Event(), {"url": None}
        threads = [
            threading.Thread(target=reader, args=(site, stop, log, n, None), daemon=True)
            for n in range(args.readers)
        ]
        threads.append(threading.Thread(target=reader, args=(site, stop, log, 999, desk), daemon=True))
        for thread in threads:
            thread.start()
        # Readers alone for a while, as before any day's first edit; not counted.
        time.sleep(args.warm_seconds)
        with log.lock:
            seen = {record[3] for record in log.responses} | set(warmed)
            log.responses = []
        editor_env = {**env, "BENCH_DAY_EDITOR": mode}
        command = [
            PYTHON,
            __file__,
            "--editor",
            "--interval",
            str(args.interval),
            "--seconds",
            str(args.seconds),
        ]
        process = subprocess.Popen(command, cwd=ROOT, env=editor_env, stdout=subprocess.PIPE, text=True)
        changes = []
        for line in process.stdout:
            change = json.loads(line)
            changes.append(change)
            desk["url"] = change["url"]
        process.wait()
        time.sleep(min(args.interval, 2))
        stop.set()
        for thread in threads:
            thread.join(timeout=35)
    finally:
        for server in servers:
            stop_gunicorn(server)
    return summarize(mode, log.responses, changes, seen, log_renders)


def summarize(mode, responses, changes, seen, log_renders):
    """The figures of one mode; ``seen``: the pages read before the editor started."""
    cached = [r for r in responses if r[5] in ("HIT", "MISS")]
    hits = sum(1 for r in cached if r[5] == "HIT")
    latencies = sorted((finished - started) * 1000 for started, finished, *_ in responses)
    rendered, rerenders, first_views = set(seen), Counter(), 0
    for _, _, _, path, _, x_cache, _ in sorted(cached, key=lambda record: record[0]):
        if x_cache == "MISS":
            if path in rendered:
                rerenders[kind_of(path)] += 1
            else:
                first_views += 1
            rendered.add(path)
    judged, stale = judge(changes, responses)
    edits = max(1, len(changes))
    if log_renders:
        print(f"  {mode}: re-renders by page kind: {dict(rerenders)}")
    return {
        "mode": mode,
        "requests": len(responses),
        "hit ratio": hits / max(1, len(cached)),
        "hit, seen pages": hits / max(1, len(cached) - first_views),
        "first views": first_views,
        "p50 ms": statistics.median(latencies) if latencies else 0,
        "p99 ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0,
        "edits": len(changes),
        "re-renders/edit": sum(rerenders.values()) / edits,
        "stale": stale,
        "judged": judged,
    }


def kind_of(path):
    if path == "/":
        return "home"
    if path.startswith("/tag/"):
        return "tag"
    return "section" if path.count("/") == 2 else "story"


def print_table(rows):
    columns = [
        "mode",
        "requests",
        "hit ratio",
        "hit, seen pages",
        "first views",
        "p50 ms",
        "p99 ms",
        "edits",
        "re-renders/edit",
        "stale",
        "judged",
    ]
    print("  ".join(f"{name:>15}" for name in columns))
    for row in rows:
        cells = []
        for name in columns:
            value = row[name]
            cells.append(f"{value:>15.3f}" if isinstance(value, float) else f"{value:>15}")
        print("  ".join(cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--tags", type=int, default=2_000)
    parser.add_argument("--seconds", type=float, default=60, help="how long the editor works, per mode")
    parser.add_argument("--interval", type=float, default=5, help="seconds between edits")
    parser.add_argument("--readers", type=int, default=6, help="reader threads (plus one following the desk)")
    parser.add_argument("--zipf", type=float, default=1.2, help="exponent of story popularity by recency")
    parser.add_argument(
        "--warm", type=int, default=1000, help="most read stories fetched before the day starts"
    )
    parser.add_argument(
        "--warm-seconds", type=float, default=30, help="readers alone before the editor starts"
    )
    parser.add_argument("--modes", default=",".join(MODES), help="tags (precise), everything (baseline)")
    parser.add_argument("--editor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DAY_DATABASE_URL", DEFAULT_DATABASE)
    redis_url = os.environ.get("BENCH_DAY_REDIS_URL", DEFAULT_REDIS)
    env = production_env(database_url, REDIS_URL=redis_url)
    if args.editor:
        setup_django(env)
        editor(args.interval, args.seconds, drop_everything=os.environ["BENCH_DAY_EDITOR"] == "everything")
        return
    if args.prepare:
        setup_django(env)
        print(json.dumps(site_paths(args.articles, args.tags)))
        return

    ensure_postgres_database(database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    started = time.monotonic()
    paths = prepare(env, args.articles, args.tags)
    print(f"archive: {len(paths['stories'])} public stories, {len(paths['tags'])} tags in use "
          f"(ready in {time.monotonic() - started:.0f} s)")  # fmt: skip
    print(
        f"day: {args.seconds:.0f} s per mode, an edit every {args.interval:.0f} s, {args.readers} readers "
        f"+ 1 following the desk, Zipf {args.zipf} over {len(paths['stories'])} stories, {args.warm} warmed"
    )
    rows = [run(mode, args, env, paths, log_renders=True) for mode in args.modes.split(",")]
    print()
    print_table(rows)
    if any(row["stale"] for row in rows if row["mode"] == "tags"):
        raise SystemExit("stale responses with precise tags")


if __name__ == "__main__":
    main()
