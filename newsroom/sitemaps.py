"""What crawlers read first: robots.txt and the sitemap index, over the apps' sitemaps.

Project wiring: it lists the apps' sitemaps (the Google News sitemap is
``articles.sitemaps.news``).
"""

from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_safe

from articles.sitemaps import ArticleSitemap, AuthorSitemap, SectionSitemap, TagSitemap
from faq.sitemaps import FAQPageSitemap

from . import dependencies
from .site import SiteSitemap, absolute, page_number


class FixedPagesSitemap(SiteSitemap):
    def items(self):
        return ["articles:home", "faq:list", "articles:corrections"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "faq": FAQPageSitemap,
    "pages": FixedPagesSitemap,
}


@require_safe
def index(request):
    """The sitemap index: every page of every sitemap, and the news sitemap."""
    dependencies.depends_on(dependencies.SITEMAPS)
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute(reverse("sitemap-section", kwargs={"section": section}))
        for page in range(1, sitemap.paginator.num_pages + 1):
            entries.append(location if page == 1 else f"{location}?p={page}")
    entries.append(absolute(reverse("sitemap-news")))
    context = {"sitemaps": entries}
    return TemplateResponse(request, "sitemaps/index.xml", context, content_type="application/xml")


@require_safe
@x_robots_tag
def section(request, section):
    """One page of one sitemap (``?p=``), written straight from its entries."""
    page = page_number(request.GET.get("p"))
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    dependencies.depends_on(dependencies.SITEMAPS)
    try:
        entries = SITEMAPS[section]().entries(page)
    except EmptyPage:
        raise Http404("No such page.") from None
    return HttpResponse(urlset(entries), content_type="application/xml")


def w3c_time(value):
    """A lastmod: ISO 8601 in the site's time zone (a date stays a date)."""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def urlset(entries):
    """The sitemaps.org document of ``entries``: (location, lastmod or None, [image locations])."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
    ]
    for location, lastmod, images in entries:
        parts.append(f"<url><loc>{escape(location)}</loc>")
        if lastmod:
            parts.append(f"<lastmod>{w3c_time(lastmod)}</lastmod>")
        for image in images:
            parts.append(f"<image:image><image:loc>{escape(image)}</image:loc></image:image>")
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


@require_safe
def robots(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('articles:search')}",
        "Disallow: /richtext/",
        "",
        f"Sitemap: {absolute(reverse('sitemap-index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
