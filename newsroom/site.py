"""The site's public identity: absolute URLs for everything a crawler reads.

Leaf module: imports nothing from the apps, so any of them may use it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator


def absolute(path):
    """``path`` on the public origin (``SITE_URL``), whatever host the request used."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


class SiteSitemap(Sitemap):
    """A sitemap whose locations are on ``SITE_URL``, not on the request's host."""

    limit = 50_000  # the sitemaps.org maximum per file; larger sets are split into pages

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


def url_lines(text):
    """The web addresses in ``text``, one per line (profiles, ``sameAs``)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_url_lines(text):
    validate = URLValidator(schemes=["http", "https"])
    for url in url_lines(text):
        try:
            validate(url)
        except ValidationError:
            raise ValidationError(f"“{url}” is not a web address (http:// or https://).") from None
