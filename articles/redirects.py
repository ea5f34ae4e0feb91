"""Addresses: every tag has one, and old ones keep working (renamed articles and tags answer 301)."""

import hashlib

from django.http import HttpResponsePermanentRedirect
from taggit.models import Tag

from .models import Article, LegacyAddress, OldSlug, OldTagSlug


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


class LegacyAddressMiddleware:
    """An imported site's old addresses answer 301 with the story's page.

    ``/?p=<id>`` (WordPress's own short link) is answered before anything else,
    since the home page would answer it; any other old path only when the site
    has no page there (a 404). Drafts keep their old addresses unanswered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in ("GET", "HEAD")
        post_id = request.GET.get("p", "")
        if reading and request.path == "/" and post_id.isascii() and post_id.isdigit():
            target = legacy_target(f"/?p={post_id}")
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if reading and response.status_code == 404:
            target = legacy_target(request.get_full_path()) or legacy_target(request.path)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response


def legacy_target(path):
    """Where the public story that once lived at ``path`` lives now, or None."""
    if "\x00" in path:  # no stored address has one, and PostgreSQL refuses it in a query
        return None
    found = (
        LegacyAddress.objects.filter(path=path[:500], article__in=Article.objects.published())
        .select_related("article__section")
        .first()
    )
    return found.article.get_absolute_url() if found else None
