from django.conf import settings

from .site import language


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "indexed_pages": settings.NEWSROOM_INDEXED_PAGES,
        "site_language": language(),
        "search_max_length": settings.NEWSROOM_SEARCH_MAX_LENGTH,
    }
