"""The sections shown in the site navigation, cached until a section changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Section

NAV_CACHE_KEY = "articles:nav-sections"


def nav_sections():
    sections = cache.get(NAV_CACHE_KEY)
    if sections is None:
        sections = [
            {"name": section.name, "url": section.get_absolute_url()}
            for section in Section.objects.only("name", "slug")
        ]
        cache.set(NAV_CACHE_KEY, sections, None)
    return sections


@receiver([post_save, post_delete], sender=Section)
def forget_nav_sections(**kwargs):
    cache.delete(NAV_CACHE_KEY)
