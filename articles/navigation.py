"""The sections shown in the site navigation, cached until a section changes."""

from newsroom.dependencies import cached, depends_on

from .caching import NAV
from .models import Section


def _sections():
    depends_on(NAV)
    return [
        {"pk": section.pk, "name": section.name, "slug": section.slug, "url": section.get_absolute_url()}
        for section in Section.objects.only("name", "slug")
    ]


def nav_sections():
    return cached("articles:sections", _sections, 24 * 60 * 60)
