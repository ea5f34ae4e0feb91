from itertools import groupby
from operator import itemgetter
from urllib.parse import quote_plus

from django.conf import settings
from django.db import DatabaseError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, TemplateView

from newsroom.dependencies import cached, depends_on, tag_of
from newsroom.site import ReaderView, page_number

from . import caching, corrections, live, most_read
from .also_read import also_read
from .cards import cards, page_cards
from .forms import SearchForm
from .models import Article, load_page_parts
from .navigation import nav_sections
from .pagination import Page, page_of
from .redirects import article_moved
from .search import search as article_search
from .search import with_snippets


class ArticleListView(ReaderView, TemplateView):
    """A page of published articles, newest first: ``cards`` and ``page_obj`` in the context."""

    template_name = "articles/article_list.html"
    card_variant = "list"  # see articles.cards

    def get_articles(self):
        raise NotImplementedError

    def list_tag(self):
        """The dependency tag of the list this page shows a page of."""
        raise NotImplementedError

    page_ids = None  # see articles.pagination.UncountedPaginator

    def get_context_data(self, **kwargs):
        # The page's stories by id: their cards come from articles.cards.
        ids = self.get_articles().for_cards().values_list("pk", flat=True)
        page = page_of(ids, self.request, self.page_ids)
        depends_on(self.list_tag())
        context = super().get_context_data(page_obj=page, **kwargs)
        context["cards"] = list(cards(page.object_list, self.card_variant).values())
        return context


class HomeView(ArticleListView):
    """The front page: a lead story, the latest stories, then a row per section; older pages list."""

    template_name = "articles/home.html"
    card_variant = "card"

    def get_articles(self):
        return Article.objects.published()

    def list_tag(self):
        return caching.ALL

    def get_context_data(self, **kwargs):
        if page_number(self.request.GET.get("page")) > 1:
            return super().get_context_data(**kwargs)
        front = cached(front_page_key(), lambda: front_page(self.get_articles()), FRONT_PAGE_SECONDS)
        page = Page(front["page"], 1, settings.NEWSROOM_PAGE_SIZE)
        context = TemplateView.get_context_data(self, page_obj=page, **kwargs)
        made = page_cards(
            {
                "lead": [front["lead"]] if front["lead"] else [],
                "list": front["latest"],
                "row": [pk for _, row in front["rows"] for pk in row],
                "most-read": most_read.most_read(),
            }
        )
        sections = {section["pk"]: section for section in nav_sections()}
        context.update(
            lead=made["lead"].get(front["lead"]),
            cards=list(made["list"].values()),
            # The page's other stories lead their section rows instead.
            section_rows=[
                (sections[section_id], [made["row"][pk] for pk in row if pk in made["row"]])
                for section_id, row in front["rows"]
                if section_id in sections
            ],
            most_read=list(made["most-read"].values()),
        )
        return context


# Dropped with the list of every story (and the sections' order); an unused one leaves by itself.
FRONT_PAGE_SECONDS = 24 * 60 * 60


def front_page_key():
    sizes = (settings.NEWSROOM_PAGE_SIZE, settings.NEWSROOM_HOME_LATEST, settings.NEWSROOM_HOME_SECTION_ROW)
    return "articles:front-page:" + ":".join(map(str, sizes))


def front_page(articles):
    """What the front page shows, by id: its page of the latest stories, the lead among them (the first
    with a picture), the latest after it, and each section's row of its newest stories not shown above
    ([(section id, ids)], sections in navigation order). ``articles``: the public stories."""
    depends_on(caching.ALL, caching.NAV)
    size = settings.NEWSROOM_PAGE_SIZE
    rows = list(articles.for_cards().values_list("pk", "hero_image")[: size + 1])
    if not rows:
        return {"page": [], "lead": None, "latest": [], "rows": []}
    # Which of them leads follows their pictures: an edit of one of them makes the plan again.
    depends_on(*(caching.article_tag(pk) for pk, _ in rows[:size]))
    lead = next((pk for pk, hero in rows[:size] if hero), rows[0][0])
    latest = [pk for pk, _ in rows[:size] if pk != lead][: settings.NEWSROOM_HOME_LATEST]
    per_section = (
        articles.exclude(pk__in=[lead, *latest])
        .latest_per_section(settings.NEWSROOM_HOME_SECTION_ROW)
        .values_list("pk", "section_id")
    )
    return {
        "page": [pk for pk, _ in rows],
        "lead": lead,
        "latest": latest,
        "rows": [
            (section, [pk for pk, _ in group]) for section, group in groupby(per_section, itemgetter(1))
        ],
    }


class OwnerListView(ArticleListView):
    """The published articles of one section, tag or author (``kind``), found by slug."""

    kind = None  # a listings.ListKind

    def get_template_names(self):
        return [self.kind.template_name]

    def get(self, request, *args, **kwargs):
        self.owner = self.kind.model.objects.filter(slug=kwargs["slug"]).first()
        if self.owner is None:
            moved = self.kind.moved_to(kwargs["slug"])
            if moved is None:
                raise Http404(f"No {self.kind.name} here.")
            return redirect(moved, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_articles(self):
        return self.kind.select(Article.objects.published(), self.owner)

    @property
    def card_variant(self):
        return "section" if self.kind.owns_section else "list"

    @property
    def page_ids(self):
        """The kind's own index of this owner's list, if it has one; else the paginator reads the ids."""
        if self.kind.page_ids is None:
            return None
        return lambda offset, count: self.kind.page_ids(self.owner, offset, count)

    def list_tag(self):
        return self.kind.list_tag(self.owner.pk)

    def get_context_data(self, **kwargs):
        depends_on(tag_of(self.owner))
        context = super().get_context_data(
            owner=self.owner,
            kind=self.kind,
            list_title=self.kind.title(self.owner),
            meta_description=self.kind.meta_description(self.owner),
            breadcrumbs=[("Home", reverse("articles:home")), (str(self.owner), self.request.path)],
            **kwargs,
        )
        if self.kind.public_only and not context["cards"]:
            raise Http404(f"No published story for this {self.kind.name}.")
        return context


class CorrectionsView(ReaderView, TemplateView):
    """Every correction on a public story, newest first."""

    template_name = "articles/corrections.html"

    def get_context_data(self, **kwargs):
        page = page_of(corrections.public(), self.request)
        depends_on(corrections.LIST, *(caching.article_tag(c.article_id) for c in page))
        breadcrumbs = [("Home", reverse("articles:home")), ("Corrections", self.request.path)]
        return super().get_context_data(page_obj=page, corrections=page.object_list, breadcrumbs=breadcrumbs)


class ArticleDetailView(ReaderView, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.for_page().with_public_flag()
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
        article = load_page_parts(self.object)
        caching.shows_article(article)
        if article.live:  # one query for the page and its JSON-LD, only on live stories
            prefetch_related_objects([article], "live_updates")
        return super().get_context_data(
            is_preview=not article.is_public,
            also_read=also_read(article),
            breadcrumbs=article.breadcrumbs(),
            live_updates=live.updates_of(article),
            live_poll_seconds=settings.NEWSROOM_LIVE_POLL_SECONDS,
            **kwargs,
        )


class LiveUpdatesView(ReaderView, DetailView):
    """A live story's updates alone: what its page fetches to show new ones without reloading.

    Cached like the page, and dropped with it when an update is posted.
    """

    template_name = "articles/includes/live_updates.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().filter(live=True).select_related("section")

    def get_context_data(self, **kwargs):
        caching.shows_card(self.object)
        return super().get_context_data(live_updates=live.updates_of(self.object), **kwargs)


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
        page = page_of(found, request)
        context.update(query=query, page_query=f"q={quote_plus(query)}&", page_obj=with_snippets(page, query))
    elif not form.is_valid():
        status = 400
    return render(request, "articles/search.html", context, status=status)


@csrf_exempt  # a beacon carries no token; it changes no one's data and answers nothing
@require_POST
def read(request, pk):
    """One read of story ``pk``, from its page's beacon: counted unless a bot sent it; 204, no cookie."""
    most_read.count(pk, request.headers.get("User-Agent", ""))
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response


class MostReadView(ReaderView, TemplateView):
    """The most read stories alone: what a story's page fetches for its side list (renewed with it)."""

    template_name = "articles/includes/most_read.html"

    def get_context_data(self, **kwargs):
        items = list(cards(most_read.most_read(), "most-read").values())
        return super().get_context_data(most_read=items, **kwargs)


def page_not_found(request, exception):
    """A 404 that helps: a search box and the latest stories (none when the database is away)."""
    try:
        latest = list(Article.objects.published().for_listing()[: settings.NEWSROOM_NOT_FOUND_LATEST])
    except DatabaseError:
        latest = []
    return render(request, "404.html", {"latest": latest}, status=404)
