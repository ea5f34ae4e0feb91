"""Drafts and scheduled articles never reach readers; their time comes by itself."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
}


@pytest.fixture(params=sorted(HIDDEN_STATES))
def hidden(request):
    """A public article and a hidden one that share a section, a tag and an author."""
    section, author = make_section(), make_author()
    shown = make_article("Shown story", section=section, authors=[author], tags=["shared"])
    fields = HIDDEN_STATES[request.param]
    secret = make_article("Secret story", section=section, authors=[author], tags=["shared"], **fields)
    return shown, secret


def test_published_excludes_drafts_and_scheduled(hidden):
    shown, _ = hidden
    assert list(Article.objects.published()) == [shown]


def test_detail_404s_for_hidden_article_when_anonymous(client, hidden):
    _, secret = hidden
    assert client.get(secret.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "page",
    ["home", "section", "tag", "author"],
)
def test_listing_pages_never_show_hidden_article(client, hidden, page):
    shown, _ = hidden
    url = {
        "home": reverse("articles:home"),
        "section": shown.section.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "shared"}),
        "author": shown.ordered_authors[0].get_absolute_url(),
    }[page]
    html = client.get(url).content.decode()
    assert "Shown story" in html
    assert "Secret story" not in html


def test_also_read_and_jsonld_never_show_hidden_article(client, hidden):
    shown, secret = hidden
    response = client.get(shown.get_absolute_url())
    html = response.content.decode()
    assert "Secret story" not in html
    assert secret.get_absolute_url() not in html


def test_tag_page_404s_when_only_hidden_articles_carry_it(client):
    make_article(tags=["embargoed"], status=Article.Status.DRAFT)
    assert client.get(reverse("articles:tag", kwargs={"slug": "embargoed"})).status_code == 404


def test_scheduled_article_appears_by_itself_when_its_time_comes(client, clock):
    article = make_article("Tomorrow's story", published_at=timezone.now() + timedelta(seconds=30))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Tomorrow&#x27;s story" not in client.get(reverse("articles:home")).content.decode()

    clock(timedelta(seconds=31))

    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Tomorrow&#x27;s story" in client.get(reverse("articles:home")).content.decode()


def test_staff_preview_of_draft_is_marked_noindex_and_uncached(staff_client):
    draft = make_article("Draft story", status=Article.Status.DRAFT)
    response = staff_client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview:" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert "application/ld+json" not in html


def test_staff_preview_of_scheduled_article_says_when(staff_client):
    when = timezone.now() + timedelta(days=2)
    article = make_article(published_at=when)
    html = staff_client.get(article.get_absolute_url()).content.decode()
    assert "scheduled for" in html


def test_public_article_is_not_marked_as_preview_for_staff(staff_client):
    article = make_article()
    response = staff_client.get(article.get_absolute_url())
    assert "Preview:" not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_draft_never_appears_in_another_articles_jsonld(client):
    author = make_author()
    shown = make_article(authors=[author], tags=["x"])
    make_article("Hidden headline", authors=[author], tags=["x"], status=Article.Status.DRAFT)
    html = client.get(shown.get_absolute_url()).content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    graph = json.loads(html[start : html.index("</script>", start)])
    assert "Hidden headline" not in json.dumps(graph)


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_an_author_or_tag_with_only_hidden_stories_has_no_page_or_feed(client, status):
    author = make_author("Hidden Hand")
    if status == "draft":
        make_article(authors=[author], tags=["unreleased"], status=Article.Status.DRAFT)
    else:
        make_article(authors=[author], tags=["unreleased"], published_at=timezone.now() + timedelta(days=1))
    urls = [
        author.get_absolute_url(),
        reverse("articles:author_feed_rss", kwargs={"slug": author.slug}),
        reverse("articles:tag", kwargs={"slug": "unreleased"}),
        reverse("articles:tag_feed_atom", kwargs={"slug": "unreleased"}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Hidden Hand" not in response.content.decode()
    assert Author.objects.filter(pk=author.pk).exists()


def test_an_author_with_a_public_story_has_a_page_and_a_feed(client):
    article = make_article()
    author = article.ordered_authors[0]
    assert client.get(author.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:author_feed_rss", kwargs={"slug": author.slug})).status_code == 200
