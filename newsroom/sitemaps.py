"""What crawlers read first: robots.txt and the sitemap index, over the apps' sitemaps.

Project wiring: it lists the apps' sitemaps (the Google News sitemap is
``articles.sitemaps.news``).
"""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
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
def section(request, section):
    page_number(request.GET.get("p"))  # a 404 for anything but a page number, before Django's int()
    dependencies.depends_on(dependencies.SITEMAPS)
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name="sitemaps/sitemap.xml")


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
