from django.urls import path, re_path

from . import views
from .feeds import feed

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.search, name="search"),
    path("feeds/rss.xml", feed(), name="feed_rss"),
    path("feeds/atom.xml", feed(atom=True), name="feed_atom"),
    path("feeds/full/rss.xml", feed(full=True), name="feed_full_rss"),
    path("feeds/full/atom.xml", feed(atom=True, full=True), name="feed_full_atom"),
    path("feeds/section/<slug:slug>/rss.xml", feed("section"), name="section_feed_rss"),
    path("feeds/section/<slug:slug>/atom.xml", feed("section", atom=True), name="section_feed_atom"),
    # Tag slugs may be in any script ("café", "שלום"), so they match any word characters.
    re_path(r"^feeds/tag/(?P<slug>[-\w]+)/rss\.xml$", feed("tag"), name="tag_feed_rss"),
    re_path(r"^feeds/tag/(?P<slug>[-\w]+)/atom\.xml$", feed("tag", atom=True), name="tag_feed_atom"),
    path("feeds/author/<slug:slug>/rss.xml", feed("author"), name="author_feed_rss"),
    path("feeds/author/<slug:slug>/atom.xml", feed("author", atom=True), name="author_feed_atom"),
    re_path(r"^tag/(?P<slug>[-\w]+)/$", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
