"""Most read: a beacon per read, no cookie and no address kept, bots left out, counts added up per process."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import most_read
from articles.models import Article, ReadCount
from tests.factories import make_article

pytestmark = pytest.mark.django_db

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _nothing_pending():
    most_read._pending.clear()
    yield
    most_read._pending.clear()


def beacon(client, article, agent=READER):
    return client.post(reverse("articles:read", args=[article.pk]), HTTP_USER_AGENT=agent)


def reads_of(article):
    return sum(ReadCount.objects.filter(article=article).values_list("reads", flat=True))


def test_a_read_is_counted_without_a_cookie_or_a_cached_answer(client, settings):
    settings.NEWSROOM_READS_FLUSH_SECONDS = 0
    story = make_article()
    response = beacon(client, story)
    assert response.status_code == 204
    assert not response.cookies
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    beacon(client, story)
    assert reads_of(story) == 2
    assert ReadCount.objects.count() == 1  # one row a story and hour


def test_nothing_about_the_reader_is_kept():
    assert {field.name for field in ReadCount._meta.get_fields()} == {"id", "article", "hour", "reads"}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "python-requests/2.32",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_and_scripts_are_not_counted(client, settings, agent):
    settings.NEWSROOM_READS_FLUSH_SECONDS = 0
    story = make_article()
    assert beacon(client, story, agent).status_code == 204
    most_read.write_pending()
    assert reads_of(story) == 0


def test_only_a_post_counts(client):
    story = make_article()
    assert client.get(reverse("articles:read", args=[story.pk])).status_code == 405


def test_a_busy_story_costs_no_write_per_view(client, settings, django_assert_num_queries):
    settings.NEWSROOM_READS_FLUSH_SECONDS = 3600
    story, other = make_article(), make_article()
    most_read._last_write[0] = most_read.time.monotonic()
    with django_assert_num_queries(0):
        for _ in range(50):
            beacon(client, story)
        beacon(client, other)
    assert reads_of(story) == 0
    with django_assert_num_queries(4):  # which stories exist; the one statement that adds (in a savepoint)
        most_read.write_pending()
    assert (reads_of(story), reads_of(other)) == (50, 1)


def test_reads_of_stories_that_do_not_exist_are_dropped(client, settings):
    settings.NEWSROOM_READS_FLUSH_SECONDS = 0
    client.post(reverse("articles:read", args=[999_999]), HTTP_USER_AGENT=READER)
    assert not ReadCount.objects.exists()


def read(article, reads, hours_ago=0):
    hour = (timezone.now() - timedelta(hours=hours_ago)).replace(minute=0, second=0, microsecond=0)
    ReadCount.objects.create(article=article, hour=hour, reads=reads)


def test_the_list_ranks_the_last_day_of_public_stories(settings):
    settings.NEWSROOM_MOST_READ_COUNT = 3
    busy, steady, old_news, quiet = (make_article(f"Story {n}") for n in "ABCD")
    draft = make_article("A draft", status=Article.Status.DRAFT)
    read(busy, 40)
    read(steady, 10, hours_ago=1)
    read(steady, 25, hours_ago=5)
    read(old_news, 500, hours_ago=30)
    read(quiet, 5)
    read(draft, 900)
    assert most_read.most_read() == [busy.pk, steady.pk, quiet.pk]


def test_the_home_page_shows_the_list_and_renews_it(client, clock):
    story = make_article("Harbour wall repaired")
    read(story, 3)
    assert "Most read" in client.get(reverse("articles:home")).content.decode()
    other = make_article("Ferries return")
    read(other, 90)
    clock(timedelta(seconds=301))
    html = client.get(reverse("articles:home")).content.decode()
    listed = html.split('id="most-read-heading"')[1].split("</ol>")[0]
    assert listed.index("Ferries return") < listed.index("Harbour wall repaired")


def test_a_storys_page_sends_its_beacon_and_fetches_the_list(client):
    story = make_article()
    read(story, 7)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'data-read="{reverse("articles:read", args=[story.pk])}"' in html
    assert f'data-most-read="{reverse("articles:most_read")}"' in html
    fragment = client.get(reverse("articles:most_read")).content.decode()
    assert story.headline in fragment
