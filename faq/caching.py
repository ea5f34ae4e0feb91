"""The dependency tags of FAQ pages, and what FAQ edits drop.

``faqpage-<id>`` is one FAQ page; ``list-faqpages`` the list of published
ones. An FAQ entry belongs to whatever object holds it, so an edit drops
that object's tag, as its app declared it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from newsroom.dependencies import SITEMAPS, depends_on, invalidate, register_tag, tag_for

from .models import FAQEntry, FAQPage

PAGES = "list-faqpages"


def page_tag(pk):
    return f"faqpage-{pk}"


register_tag(FAQPage, page_tag)


def shows_pages(pages):
    depends_on(PAGES, *(page_tag(page.pk) for page in pages))


@receiver([post_save, post_delete], sender=FAQEntry)
def _entry_changed(instance, **kwargs):
    owner = ContentType.objects.get_for_id(instance.content_type_id).model_class()  # cached, no query
    invalidate({tag_for(owner, instance.object_id)})


@receiver(pre_save, sender=FAQPage)
def _page_changing(instance, **kwargs):
    instance._cache_was_published = (
        FAQPage.objects.filter(pk=instance.pk, is_published=True).exists() if instance.pk else False
    )


@receiver(post_save, sender=FAQPage)
def _page_saved(instance, **kwargs):
    was_published = getattr(instance, "_cache_was_published", False)
    tags = {page_tag(instance.pk)}
    if was_published or instance.is_published:
        tags |= {PAGES, SITEMAPS}
    invalidate(tags)


@receiver(post_delete, sender=FAQPage)
def _page_deleted(instance, **kwargs):
    invalidate({page_tag(instance.pk), PAGES, SITEMAPS})
