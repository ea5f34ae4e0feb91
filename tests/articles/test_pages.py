"""What a reader sees on the home, article, section, tag and author pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def test_article_page_shows_headline_standfirst_byline_body_and_tags(client):
    first, second = make_author("Ada Lane"), make_author("Ben Ortiz")
    article = make_article(
        "Bridge reopens",
        standfirst="Traffic returns after nine months.",
        body="<h2>Works</h2><p>Crews <strong>finished</strong> early.</p><ul><li>One</li></ul>",
        authors=[first, second],
        tags=["Bridges", "Roads"],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 class="article__headline">Bridge reopens</h1>' in html
    assert "Traffic returns after nine months." in html
    first_link = f'<a href="{first.get_absolute_url()}">Ada Lane</a>'
    assert f'{first_link} and <a href="{second.get_absolute_url()}">Ben Ortiz</a>' in html
    assert "<h2>Works</h2><p>Crews <strong>finished</strong> early.</p><ul><li>One</li></ul>" in html
    assert f'<a href="{reverse("articles:tag", kwargs={"slug": "bridges"})}">Bridges</a>' in html
    assert "<time datetime=" in html


def test_byline_lists_authors_in_their_position_order(client):
    later, earlier = make_author("Zed Last"), make_author("Amy First")
    article = make_article(authors=[later, earlier])
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Zed Last") < html.index("Amy First")


def test_article_page_shows_hero_image_with_alt_text(client):
    article = make_article(hero=True, hero_alt="Crowds on the bridge")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Crowds on the bridge" width="1200" height="675"' in html


def test_article_url_with_old_section_redirects_permanently(client):
    article = make_article()
    wrong = reverse("articles:detail", kwargs={"section": "elsewhere", "slug": article.slug})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_home_lists_newest_first_and_paginates(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    now = timezone.now()
    for hours in (3, 1, 2):
        make_article(f"Story {hours}h old", published_at=now - timedelta(hours=hours))
    first = client.get(reverse("articles:home")).content.decode()
    second = client.get(reverse("articles:home") + "?page=2").content.decode()
    latest = first.split('class="section-row"')[0]  # the section rows below show other stories
    assert latest.index("Story 1h old") < latest.index("Story 2h old")
    assert "Story 3h old" not in latest
    assert "Story 3h old" in second


def test_pages_link_newer_and_older_stories(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    for _ in range(3):
        make_article()
    middle = client.get(reverse("articles:home") + "?page=2").content.decode()
    assert '<a rel="prev" href="?page=1">Newer stories</a>' in middle
    assert '<a rel="next" href="?page=3">Older stories</a>' in middle
    last = client.get(reverse("articles:home") + "?page=3").content.decode()
    assert "Older stories" not in last


def test_deep_pages_list_the_same_stories_as_the_first_pages_would(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    section, author = make_section("City"), make_author("Ada Lane")
    now = timezone.now()
    stories = [
        make_article(f"Story {n}", section=section, authors=[author], tags=["Harbour"],
                     published_at=now - timedelta(hours=n))
        for n in range(9)
    ]  # fmt: skip
    make_article("Elsewhere", published_at=now - timedelta(minutes=30))  # on the home page only
    lists = {
        reverse("articles:section", args=[section.slug]): stories,
        reverse("articles:tag", args=["harbour"]): stories,
        reverse("articles:author", args=[author.slug]): stories,
    }
    for url, expected in lists.items():
        for number in (1, 7, 8, 9):  # pages past the fifth find their ids first
            page = client.get(f"{url}?page={number}").content.decode()
            assert expected[number - 1].headline in page, (url, number)
            assert ("Older stories" in page) == (number < 9), (url, number)
        assert client.get(f"{url}?page=10").status_code == 404
    home = client.get(reverse("articles:home") + "?page=8").content.decode()
    assert "Story 6" in home  # the home page counts "Elsewhere" too


@pytest.mark.usefixtures("without_page_cache")
def test_list_pages_never_count_the_archive(client, django_assert_max_num_queries):
    make_article()
    client.get(reverse("articles:home") + "?page=1")  # warm the site-wide caches
    with django_assert_max_num_queries(3) as captured:
        client.get(reverse("articles:home"))
    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


@pytest.mark.parametrize("page", ["abc", "0", "999", "-1", "1.5", "99999999999999999999"])
def test_home_404s_for_page_numbers_that_do_not_exist(client, page):
    make_article()
    assert client.get(reverse("articles:home") + f"?page={page}").status_code == 404


def test_section_page_lists_only_that_sections_articles(client):
    city, sport = make_section("City"), make_section("Sport")
    make_article("Council vote", section=city)
    make_article("Cup final", section=sport)
    html = client.get(city.get_absolute_url()).content.decode()
    assert "Council vote" in html
    assert "Cup final" not in html


def test_tag_page_lists_tagged_articles(client):
    make_article("Tram news", tags=["Trams"])
    make_article("Bus news", tags=["Buses"])
    html = client.get(reverse("articles:tag", kwargs={"slug": "trams"})).content.decode()
    assert "Tram news" in html
    assert "Bus news" not in html


def test_author_page_shows_bio_and_their_articles(client):
    author = make_author("Ada Lane", bio="<p>Covers <em>transport</em>.</p>", job_title="Transport editor")
    make_article("Her story", authors=[author])
    make_article("Someone else's story")
    html = client.get(author.get_absolute_url()).content.decode()
    assert "Transport editor" in html
    assert "<p>Covers <em>transport</em>.</p>" in html
    assert "Her story" in html
    assert "Someone else" not in html


@pytest.mark.parametrize("name", ["articles:section", "articles:tag", "articles:author"])
def test_unknown_slug_is_a_styled_404(client, name):
    response = client.get(reverse(name, kwargs={"slug": "no-such-thing"}))
    assert response.status_code == 404
    assert "We couldn" in response.content.decode()


def test_every_page_links_sections_in_navigation(client):
    section = make_section("Culture")
    html = client.get(reverse("articles:home")).content.decode()
    assert f'<a href="{section.get_absolute_url()}">Culture</a>' in html


def test_navigation_shows_a_new_section_on_the_next_request(client, committed):
    client.get(reverse("articles:home"))
    with committed():
        section = make_section("Weather")
    assert (
        f'<a href="{section.get_absolute_url()}">Weather</a>'
        in client.get(reverse("articles:home")).content.decode()
    )


def test_canonical_link_is_absolute(client, settings):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{article.get_absolute_url()}">' in html
