"""Slow work out of the editor's request: tasks through Django's tasks API, kept in the database.

The API is Django 6's own (``django.tasks``), here through its backport
``django-tasks``, with ``django-tasks-db`` storing the queue in the site's own
database: nothing new to run or back up beside PostgreSQL, a task is stored in
the same transaction as the change that asked for it, and a worker is
``manage.py db_worker``. On Django 6 the import changes and nothing else.

``background`` makes a task that is tried again when it fails: ``ATTEMPTS``
tries in all, each after a longer pause (``pause_before``). Every failed try is
kept with its error and shown under *Failed work* in the admin.

``later(task, *args)`` asks for the work once the current transaction commits
(the worker must find the rows it reads). With the immediate backend (the
debug server and the test suite, ``NEWSROOM_TASKS=immediate``) ``runs_now()``
is true: callers that want the result at once do the work in place instead.
"""

import functools
import logging
from datetime import timedelta

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


def background(function):
    """``function`` as a task that is tried again, ``ATTEMPTS`` times in all, when it raises."""

    @functools.wraps(function)
    def tried(*args, attempt=1, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception:
            if attempt < ATTEMPTS and not runs_now():
                log.warning("%s failed (try %d of %d); tried again", function.__name__, attempt, ATTEMPTS)
                pause = pause_before(attempt + 1)
                made.using(run_after=timezone.now() + pause).enqueue(*args, attempt=attempt + 1, **kwargs)
            raise

    made = task()(tried)
    return made


def later(made, *args, **kwargs):
    """Ask for ``made(*args, **kwargs)`` once the current transaction commits."""
    transaction.on_commit(lambda: made.enqueue(*args, **kwargs))
