"""The sitemaps of stories, sections, tags and authors, and the Google News sitemap."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from taggit.models import Tag

from newsroom import dependencies
from newsroom.site import SiteSitemap, absolute, news_language

from .models import Article, ArticleAuthor, Author, Section, public_q


class ArticleSitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "updated_at", "content_modified_at", "published_at", "hero_image", "section__slug")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return article.modified_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            hero = url["item"].hero_image
            url["images"] = [absolute(hero.url)] if hero else []
        return urls


class SectionSitemap(SiteSitemap):
    def items(self):
        latest = Max("articles__updated_at", filter=public_q("articles__"))
        return Section.objects.annotate(latest=latest).order_by("position", "name")

    def lastmod(self, section):
        return section.latest


class TagSitemap(SiteSitemap):
    """Tags that at least one public article carries."""

    def items(self):
        return Tag.objects.filter(usage__public_articles__gt=0).order_by("name")


class AuthorSitemap(SiteSitemap):
    """Authors with at least one public article."""

    def items(self):
        public_bylines = ArticleAuthor.objects.filter(author=OuterRef("pk")).filter(
            article__in=Article.objects.published()
        )
        return Author.objects.filter(Exists(public_bylines)).order_by("name")


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
    context = {"articles": articles, "publication": settings.SITE_NAME, "language": news_language()}
    return TemplateResponse(request, "sitemaps/news.xml", context, content_type="application/xml")
