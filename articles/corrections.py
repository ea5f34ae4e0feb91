"""Corrections: what an editor publishes on a story when it got something wrong.

A correction shows on the story (newest first, "Correction, 3 December 2026: ..."),
in its JSON-LD as a ``CorrectionComment``, and on the public corrections page and
its feed. Adding, editing or removing one moves the story's ``dateModified`` and
drops the pages that show it.
"""

from django.utils import timezone

from newsroom.dependencies import invalidate

from .caching import SITEMAPS, article_tag
from .models import Article, Correction

LIST = "corrections"  # the dependency tag of the corrections page and feed


def refresh_record(article_id):
    """Copy ``article_id``'s corrections onto the story (its page reads them there) and drop its pages."""
    record = [
        {"text": text, "published_at": published_at.isoformat()}
        for text, published_at in Correction.objects.filter(article_id=article_id).values_list(
            "text", "published_at"
        )
    ]
    now = timezone.now()
    Article.objects.filter(pk=article_id).update(corrections_record=record, content_modified_at=now)
    invalidate({article_tag(article_id), LIST, SITEMAPS})


def follow_correction(instance, **kwargs):
    """post_save / post_delete of a Correction."""
    refresh_record(instance.article_id)


def public():
    """Corrections on public stories, newest first, with their story."""
    return (
        Correction.objects.filter(article__in=Article.objects.published())
        .select_related("article__section")
        .order_by("-published_at", "-id")
    )
