"""Slow work out of the editor's request: tasks through Django's tasks API, kept in the database.

The API is Django 6's own (``django.tasks``), here through its backport
``django-tasks``, with ``django-tasks-db`` storing the queue in the site's own
database: nothing new to run or back up beside PostgreSQL, a task is stored in
the same transaction as the change that asked for it, and a worker is
``manage.py run_worker`` (django-tasks-db's ``db_worker``, with the periodic
jobs). On Django 6 the import changes and nothing else.

``background`` makes a task that is tried again when it fails: ``ATTEMPTS``
tries in all, each after a longer pause (``pause_before``). Every failed try is
kept with its error and shown under *Failed work* in the admin.

``periodic(seconds)`` makes a task a job that ``manage.py run_worker`` asks
for once every ``seconds`` on the whole site, however many workers run: the
first worker to claim the period in the shared cache asks for it.

``later(task, *args)`` asks for the work once the current transaction commits
(the worker must find the rows it reads). ``soon(task, *args)`` does the same,
except with the immediate backend (the debug server and the test suite,
``NEWSROOM_TASKS=immediate``, where ``runs_now()`` is true): there it does the
work in place, at once, inside the caller's transaction.
"""

import functools
import logging
import time
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

log = logging.getLogger(__name__)

ATTEMPTS = 3


def pause_before(attempt):
    """How long to wait before try ``attempt`` (2: 30 s, 3: 2 min)."""
    return timedelta(seconds=30 * 4 ** (attempt - 2))


def runs_now():
    """True when tasks run as they are asked for (no worker): the debug server and the tests."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def background(function=None, *, attempts=ATTEMPTS):
    """``function`` as a task that is tried again, ``attempts`` times in all, when it raises."""
    if function is None:
        return functools.partial(background, attempts=attempts)

    @functools.wraps(function)
    def tried(*args, attempt=1, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception:
            if attempt < attempts and not runs_now():
                log.warning("%s failed (try %d of %d); tried again", function.__name__, attempt, attempts)
                pause = pause_before(attempt + 1)
                made.using(run_after=timezone.now() + pause).enqueue(*args, attempt=attempt + 1, **kwargs)
            raise

    made = task()(tried)
    made.func.attempts = attempts
    return made


def later(made, *args, **kwargs):
    """Ask for ``made(*args, **kwargs)`` once the current transaction commits."""
    transaction.on_commit(lambda: made.enqueue(*args, **kwargs))


def soon(made, *args, **kwargs):
    """``made(*args, **kwargs)`` at once when there is no worker, else ``later``."""
    if runs_now():
        made.call(*args, **kwargs)
    else:
        later(made, *args, **kwargs)


PERIODIC = {}  # task path -> (task, seconds)


def periodic(seconds):
    """Register a task as a job that runs every ``seconds`` (``manage.py run_worker`` asks for it)."""

    def register(made):
        PERIODIC[made.module_path] = (made, seconds)
        return made

    return register


def ask_for_due_jobs(now=None):
    """Ask for each periodic job whose period has begun and that no worker has asked for in it yet."""
    now = time.time() if now is None else now
    asked = []
    for path, (made, seconds) in PERIODIC.items():
        period = int(now // seconds)
        if cache.add(f"periodic:{path}:{period}", 1, seconds * 2):
            made.enqueue()
            asked.append(path)
    return asked


@periodic(24 * 3600)
@background
def forget_old_work():
    """Once a day, forget finished work after two weeks, and failed work after two months."""
    from django_tasks_db.models import DBTaskResult  # the models are loaded after this module

    now = timezone.now()
    done = DBTaskResult.objects.successful().filter(finished_at__lt=now - timedelta(days=14)).delete()[0]
    failed = DBTaskResult.objects.failed().filter(finished_at__lt=now - timedelta(days=60)).delete()[0]
    return f"forgot {done} finished and {failed} failed"
