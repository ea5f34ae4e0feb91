"""The site-wide content version: when anything a reader can see may have changed.

Cached pages and cached Also Read lists are stored under the current version's
token. Any write that can change what a page shows (an article, its tags,
bylines, FAQ entries or pins, an author, a section, a tag, an FAQ page) drops
the version after the transaction commits, and the next request starts a new
one, so no cached copy outlives the data it was built from.

A scheduled article changes pages without any write. So the version also
records the next scheduled publication time, and it is renewed by itself
once that time has passed: a scheduled story appears on the first request
after its time, everywhere at once.
"""

import uuid
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from taggit.models import Tag

from faq.models import FAQEntry, FAQPage

from .models import AlsoReadPin, Article, ArticleAuthor, Author, Section, TaggedArticle

STATE_KEY = "content-version"
# When stories that came out since were last handed to the hooks; kept apart
# from the version, so a write that drops the version cannot skip them.
CHECKED_KEY = "content-version:checked-at"
# Without a record of the last check (an emptied cache), look back this far.
CATCH_UP = timedelta(days=1)

# Called with the articles that became public since the last check (scheduled
# ones whose time came, and any published since), whenever a version starts.
on_scheduled_time = []


def _new_state():
    now = timezone.now()
    since = cache.get(CHECKED_KEY) or now - CATCH_UP
    came_public = Article.objects.published().filter(published_at__gt=since)
    if on_scheduled_time and came_public.exists():
        for hook in on_scheduled_time:
            hook(came_public)
    cache.set(CHECKED_KEY, now, None)
    next_change = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return {
        "token": uuid.uuid4().hex,
        "checked_at": now,
        "next_change": next_change,
        "public_total": Article.objects.published().count(),
    }


def state(current=None):
    """The current version: token, start time, next scheduled change, public article count.

    ``current`` is the value of ``STATE_KEY`` when the caller already fetched it
    (with ``cache.get_many``, to save a round trip).
    """
    current = current or cache.get(STATE_KEY)
    if current is None or (current["next_change"] and current["next_change"] <= timezone.now()):
        current = _new_state()
        cache.set(STATE_KEY, current, None)
    return current


def forget():
    """Drop the version now, and again once the transaction commits.

    The second drop catches a reader that rebuilt a page from the old data
    between the first drop and the commit.
    """
    cache.delete(STATE_KEY)
    transaction.on_commit(lambda: cache.delete(STATE_KEY))


@receiver([post_save, post_delete], sender=FAQEntry)
def _faq_is_article_content(instance, **kwargs):
    # An article's FAQ section is part of what readers see: its edits update the article.
    if instance.content_type.model_class() is Article:
        Article.objects.filter(pk=instance.object_id).update(content_modified_at=timezone.now())


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=ArticleAuthor)
@receiver([post_save, post_delete], sender=AlsoReadPin)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=FAQEntry)
@receiver([post_save, post_delete], sender=FAQPage)
@receiver(m2m_changed, sender=TaggedArticle)
def _content_changed(**kwargs):
    forget()
