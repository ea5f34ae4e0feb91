"""Who else has a story open in the admin, and whether a newer version was saved since the page was opened.

The edit page sends a heartbeat every few seconds (``static/admin/js/editing_together.js``).
Someone counts as present while their heartbeat is younger than ``GONE_AFTER``:
nothing is locked, and a person who closes the page or goes home simply stops
being shown. The rows live in the database, so every app server sees the same.
"""

from datetime import timedelta

from django.utils import timezone

from . import revisions
from .models import Article, EditingPresence

HEARTBEAT_SECONDS = 5
GONE_AFTER = timedelta(seconds=3 * HEARTBEAT_SECONDS)


def beat(article, user, loaded_version, now=None):
    """Note that ``user`` has ``article`` open; say who else has, and whether it was saved since."""
    now = now or timezone.now()
    EditingPresence.objects.update_or_create(article=article, user=user, defaults={"seen_at": now})
    EditingPresence.objects.filter(seen_at__lt=now - GONE_AFTER).delete()
    others = (
        EditingPresence.objects.filter(article=article, seen_at__gte=now - GONE_AFTER)
        .exclude(user=user)
        .select_related("user")
        .order_by("seen_at")
    )
    current = Article.objects.filter(pk=article.pk).values_list("updated_at", flat=True).first()
    newer = bool(loaded_version) and current is not None and current.isoformat() != loaded_version
    answer = {"others": [_name(presence.user) for presence in others], "newer": None}
    if newer:
        saved_by = _last_saver(article)
        answer["newer"] = {"at": f"{timezone.localtime(current):%H:%M:%S}", "by": saved_by}
    return answer


def leave(article, user):
    EditingPresence.objects.filter(article=article, user=user).delete()


def _name(user):
    return user.get_full_name() or user.get_username()


def _last_saver(article):
    latest = revisions.history(article).first()
    return _name(latest.revision.user) if latest and latest.revision.user else "someone"
