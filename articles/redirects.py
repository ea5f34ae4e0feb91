"""Addresses: every tag has one, and old ones keep working (renamed articles and tags answer 301)."""

import hashlib

from taggit.models import Tag

from .models import OldSlug, OldTagSlug


def article_moved(slug):
    """The article that used to live at ``slug``, if any."""
    old = OldSlug.objects.filter(slug=slug).select_related("article__section").first()
    return old.article if old else None


def tag_moved(slug):
    old = OldTagSlug.objects.filter(slug=slug).select_related("tag").first()
    return old.tag if old else None


def give_tag_an_address(instance, **kwargs):
    # A name of punctuation only ("<<<") slugifies to nothing; a tag page needs a slug.
    if not instance.slug:
        instance.slug = "tag-" + hashlib.sha256(instance.name.encode()).hexdigest()[:12]


def remember_old_tag_slug(instance, **kwargs):
    if not instance.pk:
        return
    old = Tag.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        OldTagSlug.objects.update_or_create(slug=old, defaults={"tag": instance})
    OldTagSlug.objects.filter(slug=instance.slug).delete()
