"""Which copy of a repeated FAQ entry search engines read.

The same question and answer on several pages is marked up once, on the
earliest published page (an article's publication time, an FAQ page's
creation); the other pages still show it to readers. ``FAQEntry.marked_up``
holds the answer, recomputed here whenever a copy, or the publication of a
page holding one, changes.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from faq.models import FAQEntry, FAQPage
from newsroom.dependencies import invalidate, tag_for

from .models import Article


def _public_since(copies):
    """{entry pk: time its page went public} for the copies on public pages."""
    article_type = ContentType.objects.get_for_model(Article)
    page_type = ContentType.objects.get_for_model(FAQPage)
    ids = {
        kind: [c.object_id for c in copies if c.content_type_id == kind.pk]
        for kind in (article_type, page_type)
    }
    articles = dict(
        Article.objects.published().filter(pk__in=ids[article_type]).values_list("pk", "published_at")
    )
    pages = dict(FAQPage.objects.published().filter(pk__in=ids[page_type]).values_list("pk", "created_at"))
    since = {}
    for copy in copies:
        owner_times = articles if copy.content_type_id == article_type.pk else pages
        if copy.object_id in owner_times:
            since[copy.pk] = owner_times[copy.object_id]
    return since


def refresh(fingerprints, chunk=500):
    """Recompute which copy carries the markup, for every entry with one of ``fingerprints``.

    A few statements per ``chunk`` fingerprints, however many there are (an
    import refreshes tens of thousands at once).
    """
    wanted = sorted({f for f in fingerprints if f})
    for start in range(0, len(wanted), chunk):
        _refresh_chunk(wanted[start : start + chunk])


def _refresh_chunk(fingerprints):
    copies_of = {}
    for copy in FAQEntry.objects.filter(fingerprint__in=fingerprints).order_by("pk"):
        copies_of.setdefault(copy.fingerprint, []).append(copy)
    since = _public_since([copy for copies in copies_of.values() for copy in copies])
    marked, unmarked, changed = [], [], []
    for copies in copies_of.values():
        public = [copy for copy in copies if copy.pk in since]
        chosen = min(public, key=lambda c: (since[c.pk], c.pk)) if public else copies[0]
        for copy in copies:
            should = copy.pk == chosen.pk
            if copy.marked_up != should:
                (marked if should else unmarked).append(copy.pk)
                changed.append(copy)
    FAQEntry.objects.filter(pk__in=unmarked).update(marked_up=False)
    FAQEntry.objects.filter(pk__in=marked).update(marked_up=True)
    # The pages whose JSON-LD gains or loses the marked-up copy.
    owner = ContentType.objects.get_for_id  # cached: no query per copy
    invalidate({tag_for(owner(copy.content_type_id).model_class(), copy.object_id) for copy in changed})


def _fingerprints_of(owner):
    return FAQEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
    ).values_list("fingerprint", flat=True)


def remember_entry_fingerprint(instance, **kwargs):
    instance._old_fingerprint = (
        FAQEntry.objects.filter(pk=instance.pk).values_list("fingerprint", flat=True).first()
        if instance.pk
        else None
    )


def refresh_after_entry_saved(instance, **kwargs):
    refresh([instance.fingerprint, getattr(instance, "_old_fingerprint", None)])


def refresh_after_entry_deleted(instance, **kwargs):
    refresh([instance.fingerprint])


def refresh_owner(instance, **kwargs):
    refresh(list(_fingerprints_of(instance)))


def refresh_newly_public(articles, **kwargs):
    for article in articles:
        refresh(list(_fingerprints_of(article)))


def touch_article_of_entry(instance, **kwargs):
    # An article's FAQ section is part of what readers see: its edits update the article.
    if instance.content_type.model_class() is Article:
        Article.objects.filter(pk=instance.object_id).update(content_modified_at=timezone.now())


def refresh_all():
    refresh(FAQEntry.objects.values_list("fingerprint", flat=True).distinct())
