from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .publisher import share_card
from .site import language


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "indexed_pages": settings.NEWSROOM_INDEXED_PAGES,
        "site_language": language(),
        "search_max_length": settings.NEWSROOM_SEARCH_MAX_LENGTH,
        # The share card of pages without a picture of their own (cached with the publisher;
        # looked up only by a page that shows it).
        "share_card": SimpleLazyObject(share_card),
    }
