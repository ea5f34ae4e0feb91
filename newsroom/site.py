"""The site's public identity: absolute URLs for everything a crawler reads.

Leaf module: imports nothing from the apps, so any of them may use it.
"""

import functools
import re
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage
from django.core.signals import setting_changed
from django.core.validators import URLValidator
from django.dispatch import receiver
from django.http import Http404
from django.urls import get_script_prefix, get_urlconf, reverse
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


def link(viewname, args=(), kwargs=None, current_app=None):
    """``reverse()``, each answer remembered by this process.

    An address depends only on the URL patterns, the script prefix and the
    arguments, all in the key. A page links to dozens of addresses (navigation,
    sections, bylines, tags), and ``reverse()`` costs tens of microseconds each.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    try:
        items = tuple(sorted((kwargs or {}).items()))
        return _reversed(urlconf, get_script_prefix(), viewname, tuple(args), items, current_app)
    except TypeError:  # an argument that cannot be a key (a list, say): reversed each time
        return reverse(viewname, urlconf, args or None, kwargs, current_app=current_app)


@functools.lru_cache(maxsize=8192)
def _reversed(urlconf, prefix, viewname, args, kwargs, current_app):
    return reverse(viewname, urlconf, args or None, dict(kwargs) or None, current_app=current_app)


@receiver(setting_changed)
def _forget_links(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


def path_maker(viewname, *names):
    """``reverse(viewname)`` for many objects at once: a function of the ``names``' values.

    The pattern is reversed once with stand-ins; each call puts the quoted values in their
    place (``reverse`` for each object costs several times more: sitemaps list thousands).
    """
    stand_ins = {name: f"newsroom-stand-in-{n}" for n, name in enumerate(names)}
    pattern = reverse(viewname, kwargs=stand_ins)

    def make(**values):
        made = pattern
        for name, stand_in in stand_ins.items():
            made = made.replace(stand_in, quote(str(values[name]), safe=""))
        return made

    return make


class SiteSitemap(Sitemap):
    """A sitemap whose locations are on ``SITE_URL``, not on the request's host.

    ``entries(page)`` gives what one page lists, as (location, lastmod or None,
    image locations); the sitemaps that can be long read plain rows for it.
    """

    # Far below the sitemaps.org maximum (50,000): a page of an archive stays quick to make.
    @property
    def limit(self):
        return settings.NEWSROOM_SITEMAP_PAGE_SIZE

    def entries(self, page):
        """The page's (location, lastmod, images): one query for its items, none to count them all."""
        start = (page - 1) * self.limit
        items = self.items()[start : start + self.limit]
        if page > 1 and not items:
            raise EmptyPage("No items on this page.")
        lastmod = getattr(self, "lastmod", None)
        return [(absolute(self.location(item)), lastmod(item) if lastmod else None, []) for item in items]

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
