"""The worker: queued background work, and the periodic jobs when their time comes."""

import threading

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as QueueWorker

from newsroom import background

CHECK_SECONDS = 5


def _ask_for_jobs_forever(stop):
    while not stop.wait(CHECK_SECONDS):
        try:
            background.ask_for_due_jobs()
        except Exception:  # the cache or the database is away: the next check tries again
            background.log.warning("Could not ask for the periodic jobs", exc_info=True)
        finally:
            close_old_connections()


class Command(QueueWorker):
    help = (
        "Do the site's background work (renditions, search vectors, CDN purges) as it is queued, and "
        "the periodic jobs when their time comes. Run one or more per site; with --batch, do what is "
        "due and stop."
    )

    def handle(self, *args, batch=False, **options):
        background.ask_for_due_jobs()  # the apps registered theirs as they were loaded
        stop = threading.Event()
        if not batch:
            threading.Thread(target=_ask_for_jobs_forever, args=(stop,), daemon=True).start()
        try:
            return super().handle(*args, batch=batch, **options)
        finally:
            stop.set()
