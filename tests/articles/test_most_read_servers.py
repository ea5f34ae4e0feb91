"""Reads counted by two gunicorn servers (two workers each) on one database add up exactly."""

import pytest

from bench.serving import start_gunicorn, stop_gunicorn
from tests.servers import Browser, fresh_database, require_services, run_django, server_env

pytestmark = pytest.mark.servers

PORTS = (8125, 8126)
READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"

STORIES = """
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section
section = Section.objects.create(slug="city", name="City")
author = Author.objects.create(slug="ada-lane", name="Ada Lane")
for n in (1, 2):
    article = Article.objects.create(
        headline=f"Story {n}", slug=f"story-{n}", standfirst="What happened.", body="<p>The story.</p>",
        section=section, status="published", published_at=timezone.now(),
    )
    ArticleAuthor.objects.create(article=article, author=author)
    print(article.pk)
"""

TOTALS = """
from django.db.models import Sum
from articles.models import ReadCount
print(sorted(ReadCount.objects.values_list("article").annotate(total=Sum("reads"))))
"""


def test_reads_sent_to_two_servers_add_up_once_they_write_them():
    require_services()
    env = server_env(fresh_database("newsroom_most_read"), NEWSROOM_READS_FLUSH_SECONDS="3600")
    first, second = (int(pk) for pk in run_django(env, STORIES).split())
    servers = [start_gunicorn(port, env) for port in PORTS]
    try:
        readers = [Browser(port) for port in PORTS]
        for n in range(60):
            reader = readers[n % 2]
            assert reader.request("POST", f"/read/{first}/", headers={"User-Agent": READER}).status == 204
        for reader in readers:
            reader.request("POST", f"/read/{second}/", headers={"User-Agent": READER})
            reader.request("POST", f"/read/{second}/", headers={"User-Agent": "Googlebot/2.1"})
        assert run_django(env, TOTALS) == "[]"  # held in the workers: no write per view
    finally:
        for server in servers:
            stop_gunicorn(server)  # each worker writes what it holds as it stops
    assert run_django(env, TOTALS) == str([(first, 60), (second, 2)])
