"""What crawlers read first: robots.txt, the sitemap index and the Google News sitemap."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.sitemaps import ArticleSitemap, AuthorSitemap, SectionSitemap, TagSitemap
from faq.sitemaps import FAQPageSitemap

from . import dependencies
from .site import SiteSitemap, absolute, page_number


class FixedPagesSitemap(SiteSitemap):
    def items(self):
        return ["articles:home", "faq:list"]

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
def news(request):
    """Google News: stories published in the last 48 hours, newest first, at most 1,000."""
    window = timedelta(hours=settings.NEWSROOM_NEWS_SITEMAP_HOURS)
    since = timezone.now() - window
    articles = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("section")
        .only("headline", "slug", "published_at", "section__slug")
        .order_by("-published_at", "-id")[: settings.NEWSROOM_NEWS_SITEMAP_LIMIT]
    )
    dependencies.depends_on(dependencies.SITEMAPS)
    if articles:
        # The oldest story leaves the sitemap when it passes the window, without any write.
        dependencies.expires_at(articles[-1].published_at + window)
    context = {"articles": articles, "publication": settings.SITE_NAME, "language": settings.SITE_LANGUAGE}
    return TemplateResponse(request, "sitemaps/news.xml", context, content_type="application/xml")


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
