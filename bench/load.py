"""Load and a restart of PostgreSQL or Redis: does the site stay up, and how fast does it recover?

Seeds the demo into its own PostgreSQL database, starts the production server
(gunicorn, DEBUG off, 2 workers) on 127.0.0.1, and drives a bounded load
(32 keep-alive connections for 30 s) over the home, article, tag and search
pages. Ten seconds in it restarts PostgreSQL, or (``--restart redis``) stops
the server's own Redis for a few seconds and starts it again, empty. It
prints requests, answers by status, p50/p99 latency, the 5xx answers outside
the restart window, the seconds from the service accepting connections again
to the last 5xx, and the share of cached answers before, during and after.

    .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --restart redis
    .venv/bin/python bench/load.py --seconds 60 --connections 16

Targets only 127.0.0.1; stops by itself. Needs root (to restart PostgreSQL
with pg_ctlcluster). BENCH_LOAD_DATABASE_URL picks the database
(default postgres://postgres@127.0.0.1:5432/newsroom_load_bench).
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from serving import (  # bench/serving.py, beside this script
    ensure_postgres_database,
    manage,
    production_env,
    start_gunicorn,
    start_redis,
    stop_gunicorn,
)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_load_bench"
PORT = 8103


def prepare(database_url):
    ensure_postgres_database(database_url)
    env = production_env(database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput")
    return env


def pick_paths(env):
    code = (
        "import django; django.setup();"
        "from articles.models import Article;"
        "a = Article.objects.published().exclude(tags=None).first();"
        "print(a.get_absolute_url()); print(a.tags.first().get_absolute_url())"
    )
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    article, tag = out.stdout.split()
    return ["/", article, tag, "/search/?q=harbour"]


def postgres_ready():
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0


def restart_postgres(events):
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    events["stop"] = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"], check=True)
    while not postgres_ready():
        time.sleep(0.05)
    events["ready"] = time.monotonic()


REDIS_PORT = 6392


def restart_redis(events, redis, down_seconds):
    events["stop"] = time.monotonic()
    redis[0].terminate()
    redis[0].wait()
    time.sleep(down_seconds)
    redis[0] = start_redis(REDIS_PORT)
    events["ready"] = time.monotonic()


def worker(paths, deadline, results, offset):
    connection = None
    n = offset
    while time.monotonic() < deadline:
        path = paths[n % len(paths)]
        n += 1
        start = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
            cached = response.getheader("X-Cache") == "HIT"
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            status, cached = 0, False  # no answer at all
            connection = None
        results.append((start, time.monotonic() - start, status, path, cached))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--restart-at", type=float, default=10)
    parser.add_argument("--restart", choices=["postgres", "redis"], default="postgres")
    parser.add_argument("--down-seconds", type=float, default=5, help="how long Redis stays stopped")
    args = parser.parse_args()

    env = prepare(os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_URL))
    redis = [start_redis(REDIS_PORT)] if args.restart == "redis" else None
    if redis:
        env["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
    paths = pick_paths(env)
    server = start_gunicorn(PORT, env, log_level="error")
    try:
        results, events = [], {}
        began = time.monotonic()
        deadline = began + args.seconds
        threads = [
            threading.Thread(target=worker, args=(paths, deadline, results, n))
            for n in range(args.connections)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.restart_at)
        if redis:
            restart_redis(events, redis, args.down_seconds)
        else:
            restart_postgres(events)
        for thread in threads:
            thread.join()
    finally:
        stop_gunicorn(server)
        if redis:
            redis[0].terminate()
            redis[0].wait()

    window = (events["stop"], events["ready"])
    by_status = {}
    for _, _, status, _, _ in results:
        by_status[status] = by_status.get(status, 0) + 1
    latencies = [latency * 1000 for _, latency, _, _, _ in results]
    failures = [(start, status) for start, _, status, _, _ in results if status >= 500 or status == 0]
    outside = [f for f in failures if not window[0] <= f[0] <= window[1]]
    last_failure = max((start for start, _ in failures), default=None)
    recovery = max(0.0, last_failure - window[1]) if last_failure else 0.0

    summary = f"{len(results):,} requests in {args.seconds} s, {args.connections} connections"
    print(f"\n{summary}: {', '.join(paths)}")
    service = "Redis" if redis else "PostgreSQL"
    print(f"{service} restarted at {window[0] - began:.1f} s; accepting connections again after "
          f"{window[1] - window[0]:.2f} s")  # fmt: skip
    print(
        "answers by status: " + ", ".join(f"{s or 'no answer'}: {n:,}" for s, n in sorted(by_status.items()))
    )
    p99 = sorted(latencies)[int(len(latencies) * 0.99)]
    print(f"latency p50 {statistics.median(latencies):.1f} ms, p99 {p99:.1f} ms")
    print(f"5xx or no answer: {len(failures):,} in all, {len(outside):,} outside the restart window")
    print(f"seconds from {service} accepting connections to the last 5xx: {recovery:.2f}")
    phases = {"before": lambda t: t < window[0], "during": lambda t: window[0] <= t <= window[1],
              "after": lambda t: t > window[1]}  # fmt: skip
    for phase, inside in phases.items():
        answers = [cached for start, _, _, _, cached in results if inside(start)]
        share = sum(answers) / len(answers) if answers else 0.0
        print(f"answered from the cache {phase} the restart: {share:.1%} of {len(answers):,}")


if __name__ == "__main__":
    main()
