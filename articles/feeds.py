"""RSS 2.0 and Atom feeds: the whole site, each section, tag and author.

Summaries are standfirsts; the full-content variants add the sanitized body
(``content:encoded`` in RSS, ``<content>`` in Atom). Every link is absolute
on SITE_URL, tags become categories, and the hero image is an enclosure.
"""

import html
import mimetypes
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.views.decorators.http import require_safe

from newsroom.dependencies import depends_on, tag_of
from newsroom.site import absolute

from . import caching, corrections
from .models import Article, ArticleAuthor

ITEMS = 30


class FullRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": "http://purl.org/rss/1.0/modules/content/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class FullAtom(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class ArticleFeed(Feed):
    """The latest published articles of the site (``kind`` None) or of one owner (a ``listings.ListKind``)."""

    kind = None
    full = False
    feed_type = Rss201rev2Feed

    def get_object(self, request, slug=None):
        if self.kind is None:
            return None
        owner = get_object_or_404(self.kind.model, slug=slug)
        # As on their pages: a tag or author with no public story has no feed.
        if self.kind.public_only and not self.articles_of(owner).exists():
            raise Http404(f"No published story for this {self.kind.name}.")
        return owner

    def title(self, owner):
        return self.kind.feed_title(owner) if owner else settings.SITE_NAME

    def link(self, owner):
        return absolute(owner.get_absolute_url() if owner else reverse("articles:home"))

    def feed_url(self, owner):
        return absolute(self.request_path)

    def description(self, owner):
        return f"The latest stories from {settings.SITE_NAME}" + (f": {owner.name}" if owner else ".")

    subtitle = description

    def __call__(self, request, *args, **kwargs):
        self.request_path = request.path
        return super().__call__(request, *args, **kwargs)

    def articles_of(self, owner):
        """The public stories of the feed's owner, recording the list they make."""
        articles = Article.objects.published()
        if owner is None:
            depends_on(caching.ALL)
            return articles
        depends_on(self.kind.list_tag(owner.pk))
        return self.kind.select(articles, owner)

    def items(self, owner):
        articles = self.articles_of(owner)
        if owner is not None:
            depends_on(tag_of(owner))
        articles = articles.select_related("section").prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")), "tags"
        )
        if not self.full:
            articles = articles.defer("body", "body_text")
        if not articles.query.order_by:
            articles = articles.order_by("-published_at", "-id")
        items = list(articles[:ITEMS])
        for article in items:
            caching.shows_article(article)
        return items

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        # Feed readers read descriptions as HTML; the standfirst is plain text.
        return escape(article.standfirst)

    def item_link(self, article):
        return absolute(article.get_absolute_url())

    def item_guid(self, article):
        return absolute(article.get_absolute_url())

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.ordered_authors) or None

    def item_author_link(self, article):
        authors = article.ordered_authors
        return absolute(authors[0].get_absolute_url()) if authors else None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]

    def item_enclosure_url(self, article):
        return absolute(article.hero_image.url) if article.hero_image else None

    def item_enclosure_length(self, article):
        try:
            return article.hero_image.size
        except OSError:
            return 0

    def item_enclosure_mime_type(self, article):
        return mimetypes.guess_type(article.hero_image.name)[0] or "image/jpeg"

    def item_extra_kwargs(self, article):
        return {"content": own_pictures_only(article.body)} if self.full else {}


class CorrectionsFeed(Feed):
    """The corrections page as RSS: one item per correction, linking to the corrected story."""

    def title(self):
        return f"Corrections | {settings.SITE_NAME}"

    def link(self):
        return absolute(reverse("articles:corrections"))

    def description(self):
        return f"Corrections {settings.SITE_NAME} has published on its stories, newest first."

    def items(self):
        depends_on(corrections.LIST)
        found = list(corrections.public()[:ITEMS])
        depends_on(*(caching.article_tag(correction.article_id) for correction in found))
        return found

    def item_title(self, correction):
        return f"Correction: {correction.article.headline}"

    def item_description(self, correction):
        return escape(correction.text)

    def item_link(self, correction):
        return absolute(correction.article.get_absolute_url())

    def item_guid(self, correction):
        return absolute(f"{reverse('articles:corrections')}#correction-{correction.pk}")

    def item_pubdate(self, correction):
        return correction.published_at


corrections_feed = require_safe(CorrectionsFeed())


IMG = re.compile(r"<img\b[^>]*>")
SRC = re.compile(r'\ssrc="([^"]*)"')


def own_pictures_only(body):
    """``body`` for feed readers: the site's own pictures with absolute addresses, no others.

    A picture from another site would tell that site who reads the feed, and
    when. Hosts in ``NEWSROOM_FEED_IMAGE_HOSTS`` are let through too. (Pages
    need no such step: their Content-Security-Policy loads pictures from the
    site only.)
    """
    allowed = {urlsplit(settings.SITE_URL).netloc, *settings.NEWSROOM_FEED_IMAGE_HOSTS}

    def keep_or_drop(match):
        tag = match.group(0)
        src = SRC.search(tag)
        address = urlsplit(html.unescape(src.group(1))) if src else None
        if address is None or (address.netloc and address.netloc not in allowed):
            return ""
        if not address.netloc:
            return tag.replace(src.group(0), f' src="{absolute(src.group(1))}"', 1)
        return tag

    return IMG.sub(keep_or_drop, body)


def feed(kind=None, atom=False, full=False):
    """The view for one feed: which articles, which format, which content."""
    feed_type = (FullAtom if full else Atom1Feed) if atom else (FullRss if full else Rss201rev2Feed)
    view = type("NewsroomFeed", (ArticleFeed,), {"kind": kind, "full": full, "feed_type": feed_type})()
    return require_safe(view)
