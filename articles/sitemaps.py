"""The sitemaps of stories, sections, tags and authors, and the Google News sitemap."""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import EmptyPage
from django.db.models import Exists, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from taggit.models import Tag

from newsroom import dependencies
from newsroom.site import SiteSitemap, absolute, news_language, path_maker

from .models import Article, ArticleAuthor, Author, Section


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().order_by("-published_at", "-id")

    def entries(self, page):
        """Plain rows: the page's ids from the index alone, then those stories' fields."""
        start = (page - 1) * self.limit
        ids = self.items().values("pk")[start : start + self.limit]
        rows = (
            Article.objects.filter(pk__in=Subquery(ids))
            .order_by("-published_at", "-id")
            .values_list(
                "slug", "section__slug", "published_at", "updated_at", "content_modified_at", "hero_image"
            )
        )
        detail = path_maker("articles:detail", "section", "slug")
        storage = Article._meta.get_field("hero_image").storage
        entries = []
        for slug, section, published_at, updated_at, content_modified_at, hero in rows:
            changed = content_modified_at or updated_at  # Article.modified_at, from the row
            lastmod = max(changed, published_at) if published_at else changed
            images = [absolute(storage.url(hero))] if hero else []
            entries.append((absolute(detail(section=section, slug=slug)), lastmod, images))
        if not entries and page > 1:
            raise EmptyPage("No stories on this page.")
        return entries


class SectionSitemap(SiteSitemap):
    def items(self):
        # The section page changes when a story joins it: its newest publication, from its index range.
        newest = Article.objects.published().filter(section=OuterRef("pk")).order_by("-published_at")
        return Section.objects.annotate(latest=Subquery(newest.values("published_at")[:1])).order_by(
            "position", "name"
        )

    def lastmod(self, section):
        return section.latest


class TagSitemap(SiteSitemap):
    """Tags that at least one public article carries."""

    def items(self):
        return Tag.objects.filter(usage__public_articles__gt=0).order_by("name")

    def entries(self, page):
        start = (page - 1) * self.limit
        slugs = self.items().values_list("slug", flat=True)[start : start + self.limit]
        tag = path_maker("articles:tag", "slug")
        entries = [(absolute(tag(slug=slug)), None, []) for slug in slugs]
        if not entries and page > 1:
            raise EmptyPage("No tags on this page.")
        return entries


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
