from itertools import groupby
from operator import attrgetter
from urllib.parse import quote_plus

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from newsroom.dependencies import depends_on, tag_of
from newsroom.site import ReaderView, page_number

from . import caching
from .also_read import also_read
from .forms import SearchForm
from .models import Article, Author, Section
from .pagination import paginate
from .redirects import article_moved, tag_moved
from .search import search as article_search
from .search import with_snippets


class ArticleListMixin(ReaderView):
    """Shared by every page that lists published articles, newest first."""

    context_object_name = "articles"
    template_name = "articles/article_list.html"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        page = paginate(queryset, page_number(self.request.GET.get("page")), page_size)
        depends_on(self.list_tag())
        for article in page.object_list:
            caching.shows_card(article)
        return None, page, page.object_list, page.has_other_pages()

    def list_tag(self):
        """The dependency tag of the list this page shows a page of."""
        raise NotImplementedError


class HomeView(ArticleListMixin, ListView):
    """The front page: a lead story, the latest stories, then a row per section; older pages list."""

    template_name = "articles/home.html"

    def list_tag(self):
        return caching.ALL

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        if context["page_obj"].number == 1 and articles:
            lead = next((article for article in articles if article.hero_image), articles[0])
            latest = [article for article in articles if article is not lead][: settings.NEWSROOM_HOME_LATEST]
            context.update(lead=lead, articles=latest)
            # The page's other stories lead their section rows instead.
            context["section_rows"] = section_rows(exclude=[article.pk for article in [lead, *latest]])
        return context


def section_rows(exclude):
    """[(section, articles)] of the newest stories per section that are not in ``exclude``."""
    articles = (
        Article.objects.published()
        .exclude(pk__in=exclude)
        .for_listing()
        .latest_per_section(settings.NEWSROOM_HOME_SECTION_ROW)
    )
    rows = [(section, list(group)) for section, group in groupby(articles, key=attrgetter("section"))]
    for _, row in rows:
        for article in row:
            caching.shows_card(article)
    return rows


class ArticlesOfView(ArticleListMixin, ListView):
    """Published articles of one section, tag or author, found by slug."""

    owner_model = None
    owner_kind = ""
    # Tags and authors exist for readers through a public story only (drafts and scheduled
    # stories never show through); a section has its page from the start.
    public_only = True

    def filter_articles(self, articles, owner):
        raise NotImplementedError

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        if self.public_only and not paginated[2]:
            raise Http404(f"No published story for this {self.owner_kind}.")
        return paginated

    def moved_to(self, slug):
        """Where an old slug now lives, for the kinds that keep a slug history."""
        return None

    def get(self, request, *args, **kwargs):
        self.owner = self.owner_model.objects.filter(slug=kwargs["slug"]).first()
        if self.owner is None:
            moved = self.moved_to(kwargs["slug"])
            if moved is None:
                raise Http404(f"No {self.owner_kind} here.")
            return redirect(moved, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_articles(Article.objects.published(), self.owner).for_listing()

    def get_context_data(self, **kwargs):
        depends_on(tag_of(self.owner))
        return super().get_context_data(
            owner=self.owner,
            owner_kind=self.owner_kind,
            breadcrumbs=[("Home", reverse("articles:home")), (str(self.owner), self.request.path)],
            **kwargs,
        )


class SectionView(ArticlesOfView):
    owner_model = Section
    owner_kind = "section"
    public_only = False

    def filter_articles(self, articles, owner):
        return articles.in_section(owner)

    def list_tag(self):
        return caching.section_list(self.owner.pk)


class TagView(ArticlesOfView):
    owner_model = Tag
    owner_kind = "tag"

    def filter_articles(self, articles, owner):
        return articles.tagged(owner)

    def list_tag(self):
        return caching.tag_list(self.owner.pk)

    def moved_to(self, slug):
        return tag_moved(slug)


class AuthorView(ArticlesOfView):
    owner_model = Author
    owner_kind = "author"

    def filter_articles(self, articles, owner):
        return articles.by_author(owner)

    def list_tag(self):
        return caching.author_list(self.owner.pk)


class ArticleDetailView(ReaderView, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.for_detail().with_public_flag()
        if self.request.user.has_perm("articles.change_article"):
            return articles  # staff preview drafts and scheduled articles
        return articles.published()

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            moved = article_moved(kwargs["slug"])
            if moved is None or not self.get_queryset().filter(pk=moved.pk).exists():
                raise
            return redirect(moved, permanent=True)
        if kwargs["section"] != self.object.section.slug:
            return redirect(self.object, permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_public:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        caching.shows_article(article)
        return super().get_context_data(
            is_preview=not article.is_public,
            also_read=also_read(article),
            breadcrumbs=article.breadcrumbs(),
            **kwargs,
        )


@require_safe
def search(request):
    """Published articles matching ``?q=``; never indexed, never cached."""
    form = SearchForm(request.GET)
    breadcrumbs = [("Home", reverse("articles:home")), ("Search", request.path)]
    context = {"form": form, "query": "", "page_obj": None, "breadcrumbs": breadcrumbs}
    status = 200
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        found = article_search(Article.objects.published().for_listing(), query)
        page = paginate(found, page_number(request.GET.get("page")), settings.NEWSROOM_PAGE_SIZE)
        context.update(query=query, query_encoded=quote_plus(query), page_obj=with_snippets(page, query))
    elif not form.is_valid():
        status = 400
    return render(request, "articles/search.html", context, status=status)


def page_not_found(request, exception):
    """A 404 that helps: a search box and the latest stories (none when the database is away)."""
    try:
        latest = list(Article.objects.published().for_listing()[: settings.NEWSROOM_NOT_FOUND_LATEST])
    except DatabaseError:
        latest = []
    return render(request, "404.html", {"latest": latest}, status=404)
