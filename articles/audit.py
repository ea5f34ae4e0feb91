"""The audit log: who created, submitted, sent back, approved, published, scheduled,
unpublished, corrected, restored or deleted a story.

The admin and ``articles.desk`` write it (they know who is asking); nobody can
change it. A later path that makes a story public or takes it down (an import)
writes its entry here too.
"""

from .models import AuditEntry

Action = AuditEntry.Action


def record(user, article, action, detail="", by=""):
    """Note ``action`` on ``article`` by ``user``, or by the name ``by`` (a command run with no account)."""
    signed_in = bool(user and user.pk)
    AuditEntry.objects.create(
        article=article if article.pk else None,
        headline=article.headline[:300],
        action=action,
        user=user if signed_in else None,
        username=user.get_username() if signed_in else by[:150],
        detail=detail[:300],
    )


def record_many(entries, user, detail="", by=""):
    """Note each (article, action) of ``entries`` at once, as ``record`` does one."""
    signed_in = bool(user and user.pk)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            article=article,
            headline=article.headline[:300],
            action=action,
            user=user if signed_in else None,
            username=user.get_username() if signed_in else by[:150],
            detail=detail[:300],
        )
        for article, action in entries
    )


def publication(before, article):
    """The publication change from ``before`` ((status, published_at), or None for a new story)."""
    was_public_or_scheduled = before is not None and before[0] == article.Status.PUBLISHED
    if article.status != article.Status.PUBLISHED:
        return Action.UNPUBLISHED if was_public_or_scheduled else None
    if was_public_or_scheduled and _same_second(before[1], article.published_at):
        return None  # an edit of a public or scheduled story, not a new publication
    return Action.SCHEDULED if article.is_scheduled else Action.PUBLISHED


def _same_second(a, b):
    # The admin's time field has no fractions of a second: a save keeps the time it showed.
    return a is not None and b is not None and a.replace(microsecond=0) == b.replace(microsecond=0)


def state_of(article):
    """(status, published_at) as stored, or None before the first save."""
    if not article.pk:
        return None
    return type(article).objects.filter(pk=article.pk).values_list("status", "published_at").first()
