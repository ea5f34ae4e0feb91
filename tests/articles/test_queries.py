"""Constant cost per page: query counts do not grow with tags, FAQs, authors or neighbours.

These measure rendering, so the whole-page cache is off; what it serves costs no query.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import caching
from articles.caching import also_read_tag
from articles.models import Article, ReadCount
from newsroom import dependencies
from tests.factories import make_article, make_author, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]

# article + section, bylines, tags, FAQ entries; Also Read comes from the cache
ARTICLE_QUERIES = 4
# ... plus the Also Read statement (with the tags each story shares) when that cache is cold
ARTICLE_QUERIES_COLD_ALSO_READ = 5
# the page's stories by id (one more than shown, no COUNT) and each section row's, kept until a
# story joins or leaves a list; then the stories of the cards not cached and their bylines
HOME_QUERIES_COLD = 4
# the section/tag/author itself, the page's stories by id; the cards come from the cache ...
LIST_QUERIES = 2
# ... or, when not cached (as after an edit of what they show), from their stories and bylines
LIST_QUERIES_COLD_CARDS = 4
# one card not cached (as after an edit of its story): its story and its bylines
ONE_CARD_QUERIES = 2


def build_site(size):
    section = make_section()
    authors = [make_author() for _ in range(size)]
    tags = [f"tag-{n}" for n in range(size * 3)]
    faqs = [(f"Question {n}?", f"<p>Answer {n}.</p>") for n in range(size * 2)]
    article = make_article(section=section, authors=authors, tags=tags, faqs=faqs)
    for n in range(size * 4):
        make_article(section=section, authors=authors[: n % size + 1], tags=tags[: n % 5 + 1])
    return article


def forget_lists_and_cards():
    """As after a story joined the lists and every story was edited: only the site-wide state is warm."""
    dependencies.drop(
        {caching.ALL, *(caching.article_tag(pk) for pk in Article.objects.values_list("pk", flat=True))}
    )


def get_warm(client, url):
    """Request once so site-wide caches (navigation) are warm, as in production."""
    client.get(url)
    return url


@pytest.mark.parametrize("size", [1, 5])
def test_article_page_query_count_is_constant(client, django_assert_num_queries, size):
    article = build_site(size)
    url = get_warm(client, article.get_absolute_url())
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_article_page_query_count_is_constant_with_cold_also_read(client, django_assert_num_queries, size):
    article = build_site(size)
    url = get_warm(client, article.get_absolute_url())
    # The site's shared state is warm; this article's list is not (as after a story joined its tags).
    dependencies.drop({also_read_tag(article.pk)})
    with django_assert_num_queries(ARTICLE_QUERIES_COLD_ALSO_READ):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_home_page_query_count_is_constant(client, django_assert_num_queries, settings, size):
    settings.NEWSROOM_PAGE_SIZE = 3  # so the section rows have stories of their own
    build_site(size)
    for _ in range(size):
        make_article(section=make_section(), tags=["tag-0"])
    url = get_warm(client, reverse("articles:home"))
    forget_lists_and_cards()
    with django_assert_num_queries(HOME_QUERIES_COLD):
        response = client.get(url)
    # The rows: the first section's, and each new section whose one story is not in the top three.
    assert response.content.decode().count('class="section-row"') == 1 + max(0, size - 3)


@pytest.mark.parametrize("size", [1, 5])
def test_the_most_read_list_costs_the_same_for_any_number_of_stories(
    client, django_assert_num_queries, settings, size
):
    settings.NEWSROOM_PAGE_SIZE = 3  # so the section rows have stories of their own, as on the home test
    build_site(5)
    for _ in range(5):
        make_article(section=make_section(), tags=["tag-0"])
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    for n in range(size):
        story = make_article(authors=[make_author(), make_author()])
        ReadCount.objects.create(article=story, hour=hour, reads=10 + n)
    url = get_warm(client, reverse("articles:home"))
    forget_lists_and_cards()
    with django_assert_num_queries(HOME_QUERIES_COLD):  # the most read are cards too
        response = client.get(url)
    assert response.content.decode().count("most-read__list") == 1


@pytest.mark.parametrize("size", [1, 5])
@pytest.mark.parametrize("page", ["section", "tag", "author"])
def test_list_page_query_count_is_constant(client, django_assert_num_queries, size, page):
    article = build_site(size)
    url = {
        "section": article.section.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "tag-0"}),
        "author": article.ordered_authors[0].get_absolute_url(),
    }[page]
    get_warm(client, url)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200
    forget_lists_and_cards()
    with django_assert_num_queries(LIST_QUERIES_COLD_CARDS):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_an_edited_story_in_a_section_row_costs_the_front_page_its_card_alone(
    client, django_assert_num_queries, settings, size
):
    settings.NEWSROOM_PAGE_SIZE = 3  # the lead and two more; the fourth newest opens its section's row
    build_site(size)
    in_a_row = Article.objects.published().order_by("-published_at", "-id")[3]
    url = get_warm(client, reverse("articles:home"))
    dependencies.drop({caching.article_tag(in_a_row.pk)})
    with django_assert_num_queries(ONE_CARD_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_an_edited_story_at_the_top_costs_the_front_page_its_card_and_its_plan(
    client, django_assert_num_queries, size
):
    build_site(size)
    newest = Article.objects.published().order_by("-published_at", "-id").first()
    url = get_warm(client, reverse("articles:home"))
    dependencies.drop({caching.article_tag(newest.pk)})
    # Which story leads follows the top stories' pictures: the plan is made again too.
    with django_assert_num_queries(ONE_CARD_QUERIES + 2):
        assert client.get(url).status_code == 200
