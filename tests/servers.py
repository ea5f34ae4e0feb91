"""Real servers for tests of shared state: gunicorn on loopback, PostgreSQL, Redis, a staff login.

The servers run the production settings (DEBUG off) in their own processes,
so what they share goes through PostgreSQL and the cache exactly as in
production. Without PostgreSQL or Redis these tests skip with a reason,
unless NEWSROOM_REQUIRE_SERVICES=1 (CI sets it): then they fail.
"""

import http.client
import os
import re
import socket
import subprocess
import textwrap
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from lxml import html as lxml_html

from bench.serving import PYTHON, ROOT, ensure_postgres_database, manage, production_env

POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


def reachable(address):
    try:
        socket.create_connection(address, timeout=1).close()
        return True
    except OSError:
        return False


def require(condition, what):
    if condition:
        return
    if os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{what} (NEWSROOM_REQUIRE_SERVICES=1)")
    pytest.skip(what)


def require_services():
    require(reachable(POSTGRES), "needs PostgreSQL on 127.0.0.1:5432")
    require(reachable(REDIS), "needs Redis on 127.0.0.1:6379")


def fresh_database(name):
    """A migrated, empty PostgreSQL database ``name``; returns its URL."""
    import psycopg

    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(
        host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname="postgres", autocommit=True
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    ensure_postgres_database(url)
    env = production_env(url)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")  # the servers run with the hashed-name manifest
    return url


EDITOR = ("editor", "pw-for-tests-only")

ONE_STORY = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section
get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
section = Section.objects.create(slug="city", name="City")
author = Author.objects.create(slug="ada-lane", name="Ada Lane")
article = Article.objects.create(
    headline={headline!r}, slug={slug!r}, standfirst={standfirst!r}, body="<p>The story.</p>",
    section=section, status="published", published_at=timezone.now() - timedelta(minutes=5),
)
ArticleAuthor.objects.create(article=article, author=author)
print(article.pk, article.get_absolute_url())
"""


def one_story(env, headline, slug, standfirst):
    """On a fresh site: the superuser ``EDITOR`` and one published story; returns its pk and path."""
    pk, url = run_django(env, ONE_STORY.format(headline=headline, slug=slug, standfirst=standfirst)).split()
    return int(pk), url


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def server_env(database_url, redis_url=None, **extra):
    env = production_env(database_url, **extra)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def run_django(env, code):
    """Run ``code`` in a separate Python process with Django set up; returns what it prints."""
    script = "import django\ndjango.setup()\n" + textwrap.dedent(code)
    done = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode:
        raise AssertionError(f"process failed:\n{done.stderr}")
    return done.stdout.strip()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def text(self):
        return self.body.decode()


class Browser:
    """A plain HTTP client on one server that keeps its cookies (also the Secure ones, on loopback)."""

    def __init__(self, port, source="127.0.0.1"):
        self.port, self.source = port, source
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
        )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            response = Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
            for line in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(line).items():
                    self.cookies[name] = morsel.value
        finally:
            connection.close()
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post_form(self, path, data):
        """POST a form from the page at ``path``, with its CSRF token."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path).text).group(1)
        body = urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        return self.request("POST", path, body=body, headers=headers)

    def form_values(self, path, form_id):
        """The fields the form ``form_id`` on the page at ``path`` posts when nothing is touched."""
        page = lxml_html.document_fromstring(self.get(path).body)
        (form,) = [form for form in page.forms if form.get("id") == form_id]
        return form.form_values()

    def post_multipart(self, path, fields, files):
        """POST ``fields`` (pairs, the CSRF token among them) and ``files`` {name: (filename, bytes)}."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
            parts.append(f"{value}\r\n".encode())
        for name, (filename, content) in files.items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            parts.append(f"{head}Content-Type: application/octet-stream\r\n\r\n".encode())
            parts.append(content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        return self.request("POST", path, body=b"".join(parts), headers=headers)

    def log_in(self, username, password):
        response = self.post_form(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert response.status == 302, response.text[:500]
