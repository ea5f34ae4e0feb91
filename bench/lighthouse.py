"""Lighthouse scores of the reader pages, served as in production, mobile and desktop.

Builds a fresh database with the demo content, collects static files, starts
gunicorn (DEBUG off, whitenoise, compression) on 127.0.0.1 and runs Lighthouse
12 (bench/lighthouse/node_modules, `npm ci` there) with Debian's Chromium on:
the home page, an article with an FAQ and a hero image, a tag page and the
search page. Prints the four category scores per page and preset, and the
article page's weight by kind of resource. Reports are written to
test-artifacts/lighthouse/.

    make lighthouse
    .venv/bin/python bench/lighthouse.py --runs 3      # best of three per page

The search page is noindex by design, so its SEO score is below 100 (the
"Page is blocked from indexing" audit); the script says so next to it.
BENCH_LIGHTHOUSE_DATABASE_URL picks the database (default: a new SQLite file).
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from serving import (  # bench/serving.py, beside this script
    manage,
    production_env,
    start_gunicorn,
    stop_gunicorn,
)

ROOT = Path(__file__).resolve().parents[1]


LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
REPORTS = ROOT / "test-artifacts" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (
    ("FCP", "first-contentful-paint"),
    ("LCP", "largest-contentful-paint"),
    ("TBT", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"),
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pages_to_check(env):
    """Paths of the four pages, picked from the demo content."""
    code = (
        "import django, json; django.setup()\n"
        "from articles.models import Article\n"
        "a = Article.objects.published().exclude(hero_image='').filter(faq_entries__isnull=False)"
        ".distinct().order_by('-published_at').first()\n"
        "print(json.dumps([a.get_absolute_url(), a.tags.order_by('name').first().get_absolute_url()]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)
    article, tag = json.loads(result.stdout)
    return {"home": "/", "article": article, "tag": tag, "search": "/search/?q=bus+lanes"}


def run_lighthouse(url, preset, report_path):
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report_path}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    for attempt in range(1, 4):
        # Now and then the trace misses the navigation (NO_NAVSTART); Lighthouse says to run again.
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=180)
        if done.returncode == 0:
            return json.loads(Path(report_path).read_text())
        print(f"Lighthouse failed on {url} ({preset}), attempt {attempt} of 3", file=sys.stderr)
    raise SystemExit(f"Lighthouse could not measure {url} ({preset})")


def scores(report):
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def weights(report):
    """Bytes over the wire of the page, by resource type (HTML, CSS, images, other)."""
    totals = {}
    for item in report["audits"]["network-requests"]["details"]["items"]:
        kind = {"Document": "HTML", "Stylesheet": "CSS", "Image": "images"}.get(
            item.get("resourceType"), "other"
        )
        totals[kind] = totals.get(kind, 0) + item.get("transferSize", 0)
    return totals


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per page and preset; the best is kept")
    parser.add_argument(
        "--report-only", action="store_true", help="print the scores and exit 0 even when one is below 100"
    )
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: cd bench/lighthouse && npm ci")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium")
    REPORTS.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="newsroom-lighthouse-") as work:
        port = free_port()
        site = f"http://127.0.0.1:{port}"
        database_url = os.environ.get("BENCH_LIGHTHOUSE_DATABASE_URL", f"sqlite:///{work}/site.sqlite3")
        env = production_env(database_url, DJANGO_MEDIA_ROOT=str(Path(work) / "media"), SITE_URL=site)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--noinput")
        pages = pages_to_check(env)
        server = start_gunicorn(port, env)
        try:
            results = {}
            for name, path in pages.items():
                for preset in ("mobile", "desktop"):
                    best = None
                    for _ in range(options.runs):
                        report = run_lighthouse(site + path, preset, REPORTS / f"{name}-{preset}.json")
                        found = scores(report)
                        if best is None or sum(found.values()) > sum(best[0].values()):
                            best = (found, report)
                    results[name, preset] = best
        finally:
            stop_gunicorn(server)

    print(
        f"Lighthouse {best[1]['lighthouseVersion']}, {best[1]['environment']['hostUserAgent'].split(')')[-1]}"
    )
    print(f"{'page':<9}{'preset':<9}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for (name, preset), (found, _) in results.items():
        note = "  (noindex by design)" if name == "search" and found["seo"] < 100 else ""
        print(f"{name:<9}{preset:<9}" + "".join(f"{found[c]:>16}" for c in CATEGORIES) + note)
    print("\nmetrics (mobile):")
    for (name, preset), (_, report) in results.items():
        if preset == "mobile":
            audits = report["audits"]
            print(
                f"  {name:<9}" + "  ".join(f"{label} {audits[key]['displayValue']}" for label, key in METRICS)
            )
    article_report = results["article", "mobile"][1]
    print(f"\narticle page ({pages['article']}), bytes over the wire on mobile:")
    for kind, size in sorted(weights(article_report).items()):
        print(f"  {kind:<8}{size:>9,}")
    print(f"\nreports: {REPORTS.relative_to(ROOT)}/")
    below = [
        (name, preset)
        for (name, preset), (found, _) in results.items()
        if any(found[category] < 100 for category in CATEGORIES if (name, category) != ("search", "seo"))
    ]
    if below and options.report_only:
        print("below 100: " + ", ".join(f"{name} ({preset})" for name, preset in below))
        return 0
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
