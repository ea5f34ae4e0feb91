"""The site's public identity: absolute URLs for everything a crawler reads.

Leaf module: imports nothing from the apps, so any of them may use it.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import Http404
from django.utils import translation

# ASCII digits only: int() also takes "१", "１", " 1" and "+1", and str.isdigit() takes "²".
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def language():
    """The site's language as a BCP 47 tag (``en-GB``), from ``LANGUAGE_CODE``: <html lang>, JSON-LD."""
    return translation.to_locale(settings.LANGUAGE_CODE).replace("_", "-")


def news_language():
    """The site's language as the news sitemap asks for it: the ISO 639 code alone (``en``)."""
    return language().split("-")[0].lower()


def absolute(path):
    """``path`` on the public origin (``SITE_URL``), whatever host the request used."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


class ReaderView:
    """Mixin for class-based reader pages: GET and HEAD only (TRACE, OPTIONS and the rest are a 405)."""

    http_method_names = ["get", "head"]


def page_number(value):
    """The page asked for (``?page=``, a sitemap's ``?p=``); anything but a positive whole number is a 404."""
    if value in (None, ""):
        return 1
    if not PAGE_NUMBER.fullmatch(str(value)) or int(value) < 1:
        raise Http404("No such page.")
    return int(value)


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
