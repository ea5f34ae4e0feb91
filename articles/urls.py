from django.urls import path, re_path

from . import views
from .feeds import corrections_feed, feed
from .listings import AUTHOR, SECTION, TAG

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.search, name="search"),
    # Before the sections' /<slug>/: no section may be called "corrections".
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("most-read/", views.MostReadView.as_view(), name="most_read"),
    path("read/<int:pk>/", views.read, name="read"),
    path("feeds/corrections/rss.xml", corrections_feed, name="corrections_feed"),
    path("feeds/rss.xml", feed(), name="feed_rss"),
    path("feeds/atom.xml", feed(atom=True), name="feed_atom"),
    path("feeds/full/rss.xml", feed(full=True), name="feed_full_rss"),
    path("feeds/full/atom.xml", feed(atom=True, full=True), name="feed_full_atom"),
    path("feeds/section/<slug:slug>/rss.xml", feed(SECTION), name="section_feed_rss"),
    path("feeds/section/<slug:slug>/atom.xml", feed(SECTION, atom=True), name="section_feed_atom"),
    # Tag slugs may be in any script ("café", "שלום"), so they match any word characters.
    re_path(r"^feeds/tag/(?P<slug>[-\w]+)/rss\.xml$", feed(TAG), name="tag_feed_rss"),
    re_path(r"^feeds/tag/(?P<slug>[-\w]+)/atom\.xml$", feed(TAG, atom=True), name="tag_feed_atom"),
    path("feeds/author/<slug:slug>/rss.xml", feed(AUTHOR), name="author_feed_rss"),
    path("feeds/author/<slug:slug>/atom.xml", feed(AUTHOR, atom=True), name="author_feed_atom"),
    re_path(r"^tag/(?P<slug>[-\w]+)/$", views.OwnerListView.as_view(kind=TAG), name="tag"),
    path("author/<slug:slug>/", views.OwnerListView.as_view(kind=AUTHOR), name="author"),
    path("<slug:slug>/", views.OwnerListView.as_view(kind=SECTION), name="section"),
    path("<slug:section>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("<slug:section>/<slug:slug>/updates/", views.LiveUpdatesView.as_view(), name="live_updates"),
]
