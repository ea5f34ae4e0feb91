"""Slow work in the background: queued with the change that asked for it, done by a worker, retried.

These tests use the database queue and run its worker (``manage.py db_worker``)
in this process; the rest of the suite does background work at once, as the
debug server does. ``tests/newsroom/test_object_storage.py`` runs a worker in a
process of its own beside two app servers.
"""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from taggit.models import Tag

from articles.models import Article, TagUsage
from newsroom.background import ATTEMPTS, ask_for_due_jobs, background
from tests import wxr
from tests.factories import image_upload, make_article

pytestmark = pytest.mark.django_db(transaction=True)


@background
def reach_the_cdn(zone):
    raise ConnectionError(f"the CDN of {zone} does not answer")


@background
def tell(whom):
    return f"told {whom}"


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """Do every task that is due, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_new_hero_is_shown_whole_until_its_renditions_are_made_by_the_worker(client):
    article = make_article("Harbour crane lifts its last load", hero=(1600, 1000))
    assert Article.objects.get(pk=article.pk).hero_renditions == {}
    (queued,) = DBTaskResult.objects.filter(task_path="articles.tasks.make_renditions")
    assert queued.args_kwargs["args"] == ["hero", article.pk, article.hero_image.name]
    assert queued.status == TaskResultStatus.READY

    for path in (article.get_absolute_url(), "/"):
        page = client.get(path).content.decode()
        original = article.hero_image.url
        assert f'<img src="{original}"' in page, path  # the original, with its size: never a hole
        assert 'width="1600" height="1000"' in page

    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    made = Article.objects.get(pk=article.pk).hero_renditions
    assert set(made) == {"16x9", "4x3", "1x1"}
    page = client.get(article.get_absolute_url()).content.decode()  # dropped from the cache: new
    assert made["16x9"]["sizes"][0]["webp"] in page
    assert f'<img src="{original}"' not in page


def test_a_picture_replaced_before_the_worker_came_is_left_to_its_successor():
    article = make_article("Ferry timetable", hero=(1200, 800))
    article.hero_image = image_upload(size=(1400, 900))
    article.save()
    run_worker()
    renditions = DBTaskResult.objects.filter(task_path="articles.tasks.make_renditions")
    first, second = renditions.order_by("enqueued_at")
    assert first.return_value == "Gone, or has another picture since."
    assert second.status == TaskResultStatus.SUCCESSFUL
    assert Article.objects.get(pk=article.pk).hero_renditions["16x9"]["width"] == 1200


def test_failed_work_is_tried_again_later_then_given_up_and_listed_for_staff(admin_client):
    reach_the_cdn.enqueue("city-edition")
    for attempt in range(1, ATTEMPTS + 1):
        run_worker()
        tries = DBTaskResult.objects.order_by("enqueued_at")
        assert [r.status for r in tries] == [TaskResultStatus.FAILED] * attempt + (
            [TaskResultStatus.READY] if attempt < ATTEMPTS else []
        )
        if attempt < ATTEMPTS:
            retry = tries.last()
            assert retry.args_kwargs == {"args": ["city-edition"], "kwargs": {"attempt": attempt + 1}}
            assert retry.run_after > timezone.now() + timedelta(seconds=20)  # after a pause
            DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # the pause is over

    page = admin_client.get("/admin/newsroom/failedwork/").content.decode()
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    listed = [unescape(re.sub(r"<[^>]+>", " ", row)) for row in rows if "reach_the_cdn" in row]
    assert len(listed) == ATTEMPTS
    assert "reach_the_cdn('city-edition')" in listed[0]
    assert "ConnectionError: the CDN of city-edition does not answer" in listed[0]
    assert f"{ATTEMPTS} of {ATTEMPTS}" in page
    assert "Given up: select it and choose Try again" in page
    assert "Tried again by itself" in page

    last = DBTaskResult.objects.order_by("enqueued_at").last()
    chosen = {"action": "try_again", "_selected_action": [str(last.pk)]}
    answer = admin_client.post("/admin/newsroom/failedwork/", chosen, follow=True)
    assert "Asked for 1 again" in answer.content.decode()
    again = DBTaskResult.objects.order_by("enqueued_at").last()
    assert again.status == TaskResultStatus.READY
    assert again.args_kwargs == {"args": ["city-edition"], "kwargs": {}}


def test_periodic_jobs_are_asked_for_once_a_period_however_many_workers_run():
    start = 1_800_000_000  # a moment at the start of a day, of five minutes and of a minute
    first_worker = ask_for_due_jobs(now=start)
    assert set(first_worker) == {"newsroom.cdn.sweep_pending", "newsroom.background.forget_old_work"}
    assert ask_for_due_jobs(now=start + 2) == []  # the other worker, in the same period
    assert ask_for_due_jobs(now=start + 300) == ["newsroom.cdn.sweep_pending"]
    queued = sorted(result.task_name for result in DBTaskResult.objects.all())
    assert queued == ["forget_old_work", "sweep_pending", "sweep_pending"]


def test_the_worker_forgets_finished_work_after_two_weeks_and_failures_after_two_months():
    tell.enqueue("the desk")
    reach_the_cdn.enqueue("old-edition")
    run_worker()
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()  # the failure's second try
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=30))

    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    forgetting = DBTaskResult.objects.get(task_path="newsroom.background.forget_old_work")
    assert forgetting.return_value == "forgot 1 finished and 0 failed"
    assert not DBTaskResult.objects.filter(task_path__endswith=".tell").exists()
    assert DBTaskResult.objects.filter(task_path__endswith=".reach_the_cdn").count() == 1


def test_a_wordpress_export_sent_in_the_admin_is_imported_by_the_worker(admin_client):
    export = SimpleUploadedFile("export.xml", wxr.export([wxr.item(1, "Bridge opens")]).encode())
    sent = admin_client.post(
        reverse("admin:articles_article_import_wordpress"), {"export": export, "section": "News"}, follow=True
    )
    waiting = sent.content.decode()
    assert "Waiting for a worker: the import runs in the background" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert not Article.objects.exists()

    run_worker()
    page = admin_client.get(sent.redirect_chain[-1][0]).content.decode()
    assert "Done: created: 1, updated: 0, skipped: 0" in page
    assert 'http-equiv="refresh"' not in page
    assert Article.objects.get().headline == "Bridge opens"


def test_tag_counts_and_search_follow_a_new_story_once_the_worker_has_run(client):
    make_article("Harbour crane lifts its last load", tags=["Cranes"])
    cranes = Tag.objects.get(name="Cranes")
    assert not TagUsage.objects.filter(tag=cranes, public_articles=1).exists()  # asked for, not done
    queued = sorted(result.task_name for result in DBTaskResult.objects.all())
    assert "recount_tags" in queued

    run_worker()
    assert TagUsage.objects.get(tag=cranes).public_articles == 1
    if connection.vendor == "postgresql":  # SQLite searches the text itself: nothing to wait for
        assert "refresh_search_vectors" in queued
        assert "Harbour crane lifts" in client.get("/search/?q=crane").content.decode()
