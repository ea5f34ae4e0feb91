"""A drill of the several-servers set-up on one machine, over real HTTP: what readers and editors see.

Starts on 127.0.0.1: a PostgreSQL primary and a streaming replica made from it
with pg_basebackup, Redis, an S3 server (moto), two gunicorn app servers (A
and B, each with a disk folder of its own that stays empty) and a worker
(``manage.py run_worker``). Then, step by step:

  1. an editor publishes a story with a picture through A; a reader reads it through B,
     first with the original picture, then with the renditions the worker made;
  2. the replica stops: readers on B, and an editor's change through A;
  3. the worker stops: a new picture through A, what B shows, and when the worker is back.

It prints a table: each step, what was done, what the reader and the editor saw,
and how long it took.

    .venv/bin/python bench/cluster.py
"""

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from serving import (  # bench/serving.py, beside this script
    PYTHON,
    ROOT,
    ReplicatedPostgres,
    manage,
    production_env,
    s3_env,
    start_gunicorn,
    start_redis,
    start_s3,
    stop_gunicorn,
)

sys.path.insert(0, str(ROOT))

from tests.servers import Browser, run_django  # the tests' HTTP client, with cookies

PRIMARY, REPLICA, REDIS, S3, APP_A, APP_B = 5451, 5452, 6394, 9151, 8191, 8192
BUCKET = "newsroom-drill"
SETUP = """
from django.contrib.auth import get_user_model
from articles.models import Author, Section
get_user_model().objects.create_superuser("editor", "editor@example.com", "drill-only")
section = Section.objects.create(slug="city", name="City")
print(section.pk, Author.objects.create(slug="ada", name="Ada Lane").pk)
"""


def jpeg(width, height, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def start_worker(env):
    return subprocess.Popen(
        [PYTHON, "manage.py", "run_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def hero_state(html, media_url):
    """What a page shows for its hero: renditions, the original, or nothing."""
    if re.search(rf'srcset="{re.escape(media_url)}heroes/', html):
        return "renditions"
    if re.search(rf'<img src="{re.escape(media_url)}heroes/', html):
        return "original"
    return "no picture"


def wait_for(check, timeout):
    """Seconds until ``check()`` is true, or None after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    return None


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status


class Drill:
    def __init__(self, env, section, author):
        self.env, self.section, self.author = env, section, author
        self.media_url = f"http://127.0.0.1:{S3}/{BUCKET}/"
        self.editor = Browser(APP_A)
        self.editor.log_in("editor", "drill-only")
        self.rows, self.surprises = [], []

    def reader(self):
        return Browser(APP_B)  # a new reader each time: no cookies

    def row(self, step, action, reader, expected, editor="-", seconds=None):
        """One line of the table; a reader who sees anything but ``expected`` (one, or a tuple) fails it."""
        self.rows.append((step, action, reader, editor, "-" if seconds is None else f"{seconds:.2f}"))
        if reader not in ((expected,) if isinstance(expected, str) else expected):
            self.surprises.append(f"{step}, {action}: the reader saw {reader!r}, not {expected!r}")

    def publish(self, headline, slug, picture):
        add = "/admin/articles/article/add/"
        fields = dict(self.editor.form_values(add, "article_form"))
        fields.update(
            {
                "headline": headline,
                "slug": slug,
                "standfirst": "What the drill shows.",
                "body": "<p>Two servers, one replica, one bucket, one worker.</p>",
                "section": str(self.section),
                "tags": "Drill",
                "status": "published",
                "hero_alt": "A plain coloured picture",
                "bylines-TOTAL_FORMS": "1",
                "bylines-0-author": str(self.author),
                "bylines-0-position": "0",
            }
        )
        start = time.monotonic()
        saved = self.editor.post_multipart(add, list(fields.items()), {"hero_image": ("drill.jpg", picture)})
        took = time.monotonic() - start
        if saved.status != 302:
            raise SystemExit(f"the admin refused the story: {saved.status}\n{saved.text[:3000]}")
        return f"/city/{slug}/", took

    def change(self, path, **values):
        pk = re.search(r"/admin/articles/article/(\d+)/change/", self.editor.get(self.find(path)).text)
        change = f"/admin/articles/article/{pk.group(1)}/change/"
        fields = [(name, value) for name, value in self.editor.form_values(change, "article_form")]
        fields = [(name, value) for name, value in fields if name not in values or name in ("hero_image",)]
        files = {}
        if "hero_image" in values:
            files["hero_image"] = ("new.jpg", values.pop("hero_image"))
        fields += list(values.items())
        start = time.monotonic()
        saved = self.editor.post_multipart(change, fields, files)
        if saved.status != 302:
            raise SystemExit(f"the admin refused the change: {saved.status}\n{saved.text[:3000]}")
        return time.monotonic() - start

    def find(self, path):
        slug = path.rstrip("/").rsplit("/", 1)[1]
        return f"/admin/articles/article/?q={slug}"

    def hero(self, path):
        """What a new reader on B sees of the story's picture."""
        return hero_state(self.reader().get(path).text, self.media_url)

    def renditions_within(self, path, timeout=60):
        return wait_for(lambda: self.hero(path) == "renditions", timeout)

    def run(self, postgres, worker):
        # 1. Everything up.
        picture = jpeg(1800, 1100, (40, 90, 150))
        story, took = self.publish("Drill: the harbour bridge opens", "drill-bridge", picture)
        first = self.reader().get(story)
        seen = f"B: {first.status}, {hero_state(first.text, self.media_url)}"
        self.row(
            "1 all up",
            "editor publishes a story with a picture on A",
            seen,
            ("B: 200, original", "B: 200, renditions"),  # a fast worker may be done already
            "saved",
            took,
        )
        waited = self.renditions_within(story)
        self.row(
            "1 all up",
            "worker makes its renditions",
            f"B: {self.hero(story)}",
            "B: renditions",
            seconds=waited,
        )
        page = self.reader().get(story).text
        pictures = sorted(set(re.findall(rf'({re.escape(self.media_url)}[^" ,]+\.(?:webp|jpg))', page)))
        statuses = f"HTTP {sorted({fetch(url) for url in pictures})}"
        self.row("1 all up", f"reader loads the page's {len(pictures)} picture files", statuses, "HTTP [200]")
        listed = f"listed: {'Drill: the harbour bridge opens' in self.reader().get('/').text}"
        self.row("1 all up", "reader opens the home page on B", listed, "listed: True")

        # 2. The replica stops, then comes back.
        postgres.stop("replica")
        start = time.monotonic()
        page = self.reader().get(f"{story}?replica=away")
        took = time.monotonic() - start
        self.row(
            "2 replica away", "reader on B, a page not cached", f"B: {page.status}", "B: 200", seconds=took
        )
        took = self.change(story, headline="Drill: the bridge opens early")
        shows = f"new headline: {'opens early' in self.reader().get(story).text}"
        self.row(
            "2 replica away", "editor changes the headline on A", shows, "new headline: True", "saved", took
        )
        ready = self.reader().get("/readyz")
        self.row(
            "2 replica away",
            "load balancer asks B /readyz",
            f"{ready.status} {ready.text.strip()}",
            "200 ready",
        )
        postgres.start("replica")
        postgres.caught_up()
        page = self.reader().get(f"{story}?replica=back")
        self.row("2 replica back", "reader on B once it caught up", f"B: {page.status}", "B: 200")

        # 3. The worker stops, then comes back.
        stop_gunicorn(worker[0])
        took = self.change(story, hero_image=jpeg(1600, 900, (150, 60, 40)))
        shown = f"B: {self.hero(story)}"
        self.row("3 worker away", "editor replaces the picture on A", shown, "B: original", "saved", took)
        worker[0] = start_worker(self.env)
        waited = self.renditions_within(story)
        self.row(
            "3 worker back", "worker started again", f"B: {self.hero(story)}", "B: renditions", seconds=waited
        )

    def print_table(self):
        widths = [max(len(str(row[i])) for row in [HEADINGS, *self.rows]) for i in range(5)]
        for row in [HEADINGS, *self.rows]:
            print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


HEADINGS = ("step", "what happened", "reader sees", "editor sees", "seconds")


def main():
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    for tool in ("redis-server", "runuser"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed")
    work = Path(tempfile.mkdtemp(prefix="newsroom-drill-"))
    postgres = ReplicatedPostgres(PRIMARY, REPLICA)
    processes, worker = [], [None]
    try:
        processes.append(start_redis(REDIS))
        processes.append(start_s3(S3))
        postgres.sql("primary", "CREATE DATABASE newsroom")
        env = production_env(
            postgres.url("primary"),
            DATABASE_REPLICA_URLS=postgres.url("replica"),
            REDIS_URL=f"redis://127.0.0.1:{REDIS}/0",
            NEWSROOM_TASKS="database",
            **s3_env(S3, BUCKET),
        )
        print("migrating, collecting static files, preparing the bucket ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "prepare_bucket")
        section, author = (int(n) for n in run_django(env, SETUP).split())
        postgres.caught_up()
        for port in (APP_A, APP_B):
            processes.append(start_gunicorn(port, {**env, "DJANGO_MEDIA_ROOT": str(work / f"app-{port}")}))
        worker[0] = start_worker(env)
        drill = Drill(env, section, author)
        drill.run(postgres, worker)
        left_on_disk = [p for p in work.rglob("*") if p.is_file()]
        print()
        drill.print_table()
        print()
        print(f"files written to the app servers' own disks: {len(left_on_disk)}")
        if left_on_disk:
            drill.surprises.append(f"{len(left_on_disk)} files on the app servers' own disks")
        if drill.surprises:
            raise SystemExit("The drill went wrong:\n" + "\n".join(drill.surprises))
    finally:
        if worker[0] is not None and worker[0].poll() is None:
            stop_gunicorn(worker[0])
        for process in reversed(processes):
            if process.poll() is None:
                stop_gunicorn(process)
        postgres.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
