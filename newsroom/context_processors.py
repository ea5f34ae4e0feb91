from django.conf import settings

from articles.navigation import nav_sections


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "indexed_pages": settings.NEWSROOM_INDEXED_PAGES,
        # Callable: evaluated only by templates that show the navigation.
        "nav_sections": nav_sections,
    }
