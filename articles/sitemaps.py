from django.db.models import Exists, Max, OuterRef
from taggit.models import Tag

from newsroom.site import SiteSitemap, absolute

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
