"""Pictures in an S3 bucket: uploaded through one app server, shown with their renditions by another.

A real S3 implementation (moto's server mode) runs on loopback; two gunicorn
servers share it, PostgreSQL and the database cache, each with a disk folder of
its own that must stay empty, and the renditions are made by a worker process
(``manage.py db_worker``). Pages read the rendition record, never the
pictures, so they still render with the bucket away (the readiness probe says so).
"""

import io
import re
import urllib.request
from html import unescape

import pytest
from PIL import Image

from bench.serving import manage, s3_env, start_gunicorn, start_s3, stop_gunicorn
from tests.servers import EDITOR, Browser, fresh_database, one_story, require_services, run_django, server_env

pytestmark = pytest.mark.servers

S3_PORT, PORTS = 9131, (8171, 8172)
BUCKET = "newsroom-pictures"
MEDIA_URL = f"http://127.0.0.1:{S3_PORT}/{BUCKET}/"


class Site:
    def __init__(self, env, story, folders, s3):
        self.env, self.folders, self.s3 = env, folders, s3
        self.pk, self.url = story
        self.upload, self.reader = Browser(PORTS[0]), Browser(PORTS[1])
        self.upload.log_in(*EDITOR)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_services()
    s3 = start_s3(S3_PORT)
    servers = []
    try:
        database = fresh_database("newsroom_object_storage")
        env = server_env(database, NEWSROOM_TASKS="database", **s3_env(S3_PORT, BUCKET))
        manage(env, "prepare_bucket")
        story = one_story(env, "Ferry returns to the harbour", "ferry-returns", "After a year away.")
        folders = [tmp_path_factory.mktemp(f"server-{port}") / "media" for port in PORTS]
        for port, folder in zip(PORTS, folders, strict=True):
            servers.append(start_gunicorn(port, {**env, "DJANGO_MEDIA_ROOT": str(folder)}))
        yield Site(env, story, folders, s3)
    finally:
        for process in servers:
            stop_gunicorn(process)
        if s3.poll() is None:  # the last test stops it
            stop_gunicorn(s3)


def jpeg(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def fetch_picture(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, Image.open(io.BytesIO(answer.read()))


def srcset_urls(html):
    """(url, declared width) of every srcset entry on the page."""
    found = []
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        for entry in unescape(srcset).split(","):
            url, width = entry.split()
            found.append((url, int(width.rstrip("w"))))
    return found


def test_a_hero_uploaded_through_one_server_is_shown_with_its_renditions_by_the_other(site):
    change = f"/admin/articles/article/{site.pk}/change/"
    fields = [(name, value) for name, value in site.upload.form_values(change, "article_form")]
    fields = [(name, value) for name, value in fields if name not in ("hero_alt", "hero_credit")]
    fields += [("hero_alt", "The ferry at the harbour wall"), ("hero_credit", "Ada Lane")]
    saved = site.upload.post_multipart(change, fields, {"hero_image": ("ferry.jpg", jpeg(1600, 1000))})
    assert saved.status == 302, saved.text[:2000]

    # Until the worker has made the renditions, the other server shows the original from the bucket.
    waiting = site.reader.get(site.url)
    (original,) = re.findall(rf'<img src="({re.escape(MEDIA_URL)}heroes/[^"]+)"', waiting.text)
    assert 'width="1600" height="1000"' in waiting.text
    assert fetch_picture(original)[1].size == (1600, 1000)
    assert not srcset_urls(waiting.text)

    manage(site.env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")
    page = site.reader.get(site.url)
    assert page.status == 200
    assert 'alt="The ferry at the harbour wall"' in page.text
    pictures = srcset_urls(page.text)
    assert pictures, "the hero has no srcset"
    assert {width for _, width in pictures} >= {400, 800, 1200}
    for url, width in pictures:
        assert url.startswith(f"{MEDIA_URL}heroes/"), url
        status, image = fetch_picture(url)
        assert status == 200
        assert image.width == width
        assert image.format == ("WEBP" if url.endswith(".webp") else "JPEG")
    # What search engines read points at the bucket too.
    graph_images = re.findall(r'"(https?://[^"]+\.jpg)"', page.text)
    assert graph_images
    assert all(url.startswith(MEDIA_URL) for url in graph_images)
    # Nothing went to either server's own disk.
    for folder in site.folders:
        assert not folder.exists() or not any(folder.rglob("*.*")), list(folder.rglob("*.*"))


def test_a_body_picture_uploaded_through_one_server_is_credited_by_the_other(site):
    token = site.upload.cookies["csrftoken"]
    answer = site.upload.post_multipart(
        "/richtext/image-upload/", [("csrfmiddlewaretoken", token)], {"upload": ("quay.jpg", jpeg(900, 600))}
    )
    assert answer.status == 200, answer.text
    url = re.search(r'"url": "([^"]+)"', answer.text).group(1)
    assert url.startswith(f"{MEDIA_URL}uploads/")
    status, image = fetch_picture(url)
    assert (status, image.size) == (200, (900, 600))

    name = url.removeprefix(MEDIA_URL)
    run_django(
        site.env,
        f"""
        from articles.models import Article
        from newsroom.models import Picture
        Picture.objects.filter(name={name!r}).update(credit="Harbour Trust")
        article = Article.objects.get(pk={site.pk})
        article.body = '<p>The quay.</p><figure><img src="{url}" alt="The quay"></figure>'
        article.save()
        """,
    )
    page = site.reader.get(site.url)
    assert f'src="{url}"' in page.text
    assert '<span class="credit">Harbour Trust</span>' in page.text


def test_pages_render_without_the_bucket_and_readiness_says_it_is_away(site):
    assert site.reader.get("/readyz").status == 200
    stop_gunicorn(site.s3)
    # An edit drops the page, so it is rendered again, from the rendition record alone.
    run_django(
        site.env,
        f"""
        from articles.models import Article
        article = Article.objects.get(pk={site.pk})
        article.standfirst = "After a year away, with a new crew."
        article.save()
        """,
    )
    page = site.reader.get(site.url)
    assert "with a new crew" in page.text
    assert (page.status, page.header("X-Cache")) == (200, "MISS")
    assert srcset_urls(page.text)
    for server in (site.upload, site.reader):
        assert server.get("/healthz").status == 200
        ready = server.get("/readyz")
        assert (ready.status, ready.body) == (503, b"not ready\n")


def test_preparing_a_bucket_without_one_configured_says_so_and_does_nothing():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Pictures are on this server's disk"):
        call_command("prepare_bucket")
