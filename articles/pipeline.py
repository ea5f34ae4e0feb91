"""What happens when a story is saved, published, retagged or deleted: every step, in order.

The receivers live beside the work they do (search, Also Read, FAQ markup,
caching, redirects); this module is the one place that connects them, in the
order they run. Nothing else in ``articles`` connects a receiver.

Saving an article (the admin, a script, an import):

  before the row is written (``pre_save``)
    1. ``newsroom.richtext.clean_text_fields``: every text field loses what XML 1.0 cannot carry
       (connected by ``newsroom``, for every app in ``NEWSROOM_CLEAN_TEXT_APPS``)
    2. ``caching.remember_state_before_save``: status, publication time and section as they were
    3. ``Article.save()`` itself: the body sanitized, its plain text, the time of the last content
       change, the publication time of a story published now
  the row is written; then, still in ``Article.save()``
    4. renditions of a new hero picture (``Article.make_renditions``)
    5. the old slug kept as a redirect; a published story takes its address back from one
  after (``post_save``)
    6. ``caching.drop_after_save``: its pages, and the lists it joins or leaves, are dropped at
       commit (and purged from the CDN); the Also Read lists it now reaches are dropped; the
       schedule is rechecked when a publication time is in the future
    7. ``also_read.follow_public_state``: its tag links carry when it became public; tag counts.
       After 6: a list's reach is measured against the counts its floor was ranked with.
    8. ``faq_markup.refresh_owner``: which copy of a repeated FAQ entry carries the markup
    9. ``search.refresh_saved_article``: its search vector

Its tags (``m2m_changed`` of the tag links): ``caching.drop_after_retagging``,
``also_read.follow_retagging`` (after, as in 6 and 7), ``search.refresh_retagged_article``.

Its bylines, pins: ``caching.drop_after_byline_change``, ``caching.drop_after_pin_change``.
Its corrections: ``corrections.follow_correction`` copies them onto the story, moves its
``dateModified`` and drops its pages and the corrections page. Its live updates:
``live.follow_update`` moves its ``dateModified`` and drops its pages (not the lists).
Its FAQ entries (the inline): ``faq_markup.remember_entry_fingerprint`` before,
``faq_markup.refresh_after_entry_saved`` / ``refresh_after_entry_deleted`` and
``faq_markup.touch_article_of_entry`` after (``faq.caching`` drops the owner's pages).

A scheduled time coming (``newsroom.dependencies.content_due``, sent by the first request
after it on any process): ``caching.drop_what_came_public`` drops what came public and sends
``signals.came_public``, on which ``also_read.count_newly_public`` and
``faq_markup.refresh_newly_public`` run.

Deleting an article: ``caching.remember_lists_before_delete`` and
``also_read.remember_tags_before_delete`` before; ``caching.drop_after_delete`` and
``also_read.uncount_deleted`` after.

An import writing thousands of stories runs inside ``deferred()``: the caching, Also Read,
FAQ markup and search steps wait, and ``catch_up`` does their work once at the end.

A tag renamed: ``redirects.give_tag_an_address`` and ``redirects.remember_old_tag_slug`` and
``search.remember_tag_name`` before; ``caching.drop_tag`` and ``search.refresh_renamed_tag``
(the vectors of its stories) after. Sections and authors: ``caching.drop_section``,
``caching.drop_author``.
"""

import functools
import threading
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag

from faq.models import FAQEntry, FAQPage
from newsroom.dependencies import EVERYTHING, content_due, invalidate

from . import also_read, caching, corrections, faq_markup, live, redirects, search
from .models import (
    AlsoReadPin,
    Article,
    ArticleAuthor,
    Author,
    Correction,
    LiveUpdate,
    Section,
    TaggedArticle,
)  # fmt: skip
from .signals import came_public

# (signal, sender, receivers in the order they run)
STEPS = [
    (pre_save, Article, [caching.remember_state_before_save]),
    (post_save, Article, [
        caching.drop_after_save, also_read.follow_public_state, faq_markup.refresh_owner,
        search.refresh_saved_article,
    ]),
    (m2m_changed, TaggedArticle, [
        caching.drop_after_retagging, also_read.follow_retagging, search.refresh_retagged_article,
    ]),
    (post_save, ArticleAuthor, [caching.drop_after_byline_change]),
    (post_delete, ArticleAuthor, [caching.drop_after_byline_change]),
    (post_save, Correction, [corrections.follow_correction]),
    (post_save, LiveUpdate, [live.follow_update]),
    (post_delete, LiveUpdate, [live.follow_update]),
    (post_delete, Correction, [corrections.follow_correction]),
    (post_save, AlsoReadPin, [caching.drop_after_pin_change]),
    (post_delete, AlsoReadPin, [caching.drop_after_pin_change]),
    (pre_save, FAQEntry, [faq_markup.remember_entry_fingerprint]),
    (post_save, FAQEntry, [faq_markup.refresh_after_entry_saved, faq_markup.touch_article_of_entry]),
    (post_delete, FAQEntry, [faq_markup.refresh_after_entry_deleted, faq_markup.touch_article_of_entry]),
    (post_save, FAQPage, [faq_markup.refresh_owner]),
    (content_due, None, [caching.drop_what_came_public]),
    (came_public, None, [also_read.count_newly_public, faq_markup.refresh_newly_public]),
    (pre_delete, Article, [caching.remember_lists_before_delete, also_read.remember_tags_before_delete]),
    (post_delete, Article, [caching.drop_after_delete, also_read.uncount_deleted]),
    (pre_save, Tag, [
        redirects.give_tag_an_address, redirects.remember_old_tag_slug, search.remember_tag_name,
    ]),
    (post_save, Tag, [caching.drop_tag, search.refresh_renamed_tag]),
    (post_delete, Tag, [caching.drop_tag]),
    (post_save, Section, [caching.drop_section]),
    (post_delete, Section, [caching.drop_section]),
    (post_save, Author, [caching.drop_author]),
    (post_delete, Author, [caching.drop_author]),
]  # fmt: skip


# What a bulk writer may put off and catch up on once at the end (``deferred``): derived data
# and cache drops. Addresses (``redirects``) and corrections are never put off.
DEFERRABLE = (caching, also_read, faq_markup, search)
_bulk = threading.local()


@contextmanager
def deferred():
    """Inside, in this thread, saves set off none of the ``DEFERRABLE`` steps.

    For an import writing thousands of stories: the caller then catches up once
    (``catch_up``) instead of after every row.
    """
    _bulk.active = True
    try:
        yield
    finally:
        _bulk.active = False


def catch_up(article_ids, tag_ids, fingerprints):
    """What the deferred steps would have done for stories written with their tag links' ``public_from`` set.

    ``tag_ids``: the tags they gained or lost; ``fingerprints``: their FAQ entries'.
    """
    also_read.recount_tag_usage(tag_ids)  # already in bulk work: now
    search.refresh_vectors(article_ids)
    faq_markup.refresh(fingerprints)
    invalidate({EVERYTHING})


def _unless_deferred(receiver):
    @functools.wraps(receiver)
    def step(*args, **kwargs):
        if getattr(_bulk, "active", False):
            return None
        return receiver(*args, **kwargs)

    return step


def connect():
    """Connect every step (once: ``dispatch_uid`` makes a second call a no-op)."""
    deferrable = {module.__name__ for module in DEFERRABLE}
    for signal, sender, receivers in STEPS:
        for receiver in receivers:
            uid = f"articles.{receiver.__module__.rsplit('.', 1)[-1]}.{receiver.__name__}.{id(signal)}"
            if receiver.__module__ in deferrable:
                signal.connect(_unless_deferred(receiver), sender=sender, dispatch_uid=uid, weak=False)
            else:
                signal.connect(receiver, sender=sender, dispatch_uid=uid)
