"""Varnish in front of gunicorn, with deploy/varnish/newsroom.vcl: edits are fresh through it at once.

Debian's varnish and varnish-modules (vmod xkey); CI installs them. The app
purges Varnish by the tags of what changed, so an edited story is fetched
anew on the next request while every other page stays a hit at the edge.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from bench.serving import ROOT, start_gunicorn, stop_gunicorn
from tests.servers import Browser, fresh_database, require, require_services, run_django, server_env

pytestmark = pytest.mark.servers

APP_PORT, VARNISH_PORT = 8131, 8132
VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"
XKEY = Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so")

STORIES = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section
for n, (headline, section, tag) in enumerate([
    ("Lighthouse keeper retires", "coast", "lighthouses"),
    ("Allotments win an award", "gardens", "allotments"),
]):
    place = Section.objects.create(name=section.title(), slug=section)
    author = Author.objects.create(name=f"Writer {n}", slug=f"writer-{n}")
    article = Article.objects.create(
        headline=headline, slug=f"story-{n}", standfirst="What happened.", body="<p>The story.</p>",
        section=place, status="published", published_at=timezone.now() - timedelta(hours=1),
    )
    ArticleAuthor.objects.create(article=article, author=author)
    article.tags.add(tag)
    print(article.pk, article.get_absolute_url())
"""


def start_varnish(workdir):
    vcl = Path(workdir) / "newsroom.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{APP_PORT}";'))
    # varnishd reads the VCL after dropping root for its own user.
    Path(workdir).chmod(0o755)
    vcl.chmod(0o644)
    process = subprocess.Popen(
        ["varnishd", "-F", "-f", str(vcl), "-a", f"127.0.0.1:{VARNISH_PORT}", "-n", str(Path(workdir) / "n"),
         "-s", "malloc,32m", "-T", "none"],
        stdout=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    edge = Browser(VARNISH_PORT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if edge.get("/robots.txt").status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise AssertionError("varnishd did not answer within 20 s")


@pytest.fixture(scope="module")
def edge():
    require_services()
    require(
        shutil.which("varnishd") and XKEY.exists(),
        "needs varnishd and vmod xkey: apt-get install varnish varnish-modules",
    )
    database_url = fresh_database("newsroom_varnish")
    env = server_env(
        database_url, NEWSROOM_CDN_PURGERS="varnish", VARNISH_PURGE_URLS=f"http://127.0.0.1:{VARNISH_PORT}"
    )
    run_django(env, "from django.core.cache import cache\ncache.clear()")
    stories = [line.split() for line in run_django(env, STORIES).splitlines()]
    app = start_gunicorn(APP_PORT, env)
    workdir = tempfile.mkdtemp(prefix="newsroom-varnish-")
    try:
        varnish = start_varnish(workdir)
        try:
            yield env, Browser(VARNISH_PORT), [(int(pk), url) for pk, url in stories]
        finally:
            os.killpg(varnish.pid, signal.SIGTERM)
            varnish.wait(timeout=10)
    finally:
        stop_gunicorn(app)
        shutil.rmtree(workdir, ignore_errors=True)


def twice(browser, path):
    """Fetch twice: the second answer comes from Varnish."""
    browser.get(path)
    return browser.get(path)


def test_pages_are_hits_at_the_edge_and_tracking_parameters_share_them(edge):
    _, browser, [(_, url), _] = edge
    assert twice(browser, url).header("X-Edge-Cache") == "HIT"
    assert browser.get(url + "?utm_source=newsletter&fbclid=x1").header("X-Edge-Cache") == "HIT"


def test_an_edit_is_fresh_through_varnish_on_the_next_request(edge):
    env, browser, [(pk, url), (_, other)] = edge
    for path in (url, other, "/", "/gardens/"):
        twice(browser, path)
    run_django(
        env,
        f"""
        from articles.models import Article
        article = Article.objects.get(pk={pk})
        article.headline = "Lighthouse keeper retires after forty years"
        article.save()
    """,
    )
    fresh = browser.get(url)
    assert fresh.header("X-Edge-Cache") == "MISS"
    assert "Lighthouse keeper retires after forty years" in fresh.text
    assert "Lighthouse keeper retires after forty years" in browser.get("/").text
    for path in (other, "/gardens/"):
        assert browser.get(path).header("X-Edge-Cache") == "HIT", path


def test_a_takedown_is_gone_from_varnish_before_the_save_returns(edge):
    env, browser, [(pk, url), _] = edge
    twice(browser, url)
    run_django(
        env,
        f"""
        from articles.models import Article
        article = Article.objects.get(pk={pk})
        article.status = Article.Status.DRAFT
        article.save()
    """,
    )
    assert browser.get(url).status == 404
    assert "Lighthouse keeper" not in browser.get("/").text


def test_only_the_app_servers_may_purge(edge):
    _, browser, _ = edge
    outsider = Browser(VARNISH_PORT, source="127.0.0.2")
    assert outsider.request("PURGE", "/", headers={"xkey-purge": "nothing-here"}).status == 403
    assert browser.request("PURGE", "/", headers={"xkey-purge": "nothing-here"}).status == 200
    assert browser.request("PURGE", "/").status == 400
