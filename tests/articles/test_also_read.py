"""Also Read: published neighbours through shared tags, with the tags that link them."""

import io
import math
import random
import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import also_read
from articles.models import AlsoReadPin, Article, TagUsage
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def also_read_headlines(client, article):
    """The headlines a reader sees under "Also Read", in order."""
    html = client.get(article.get_absolute_url()).content.decode()
    return [unescape(h) for h in re.findall(r'<a class="also-read__headline" href="[^"]+">([^<]*)</a>', html)]


def test_ranks_more_shared_tags_first_then_newer(client):
    now = timezone.now()
    article = make_article(tags=["a", "b", "c"])
    make_article("One tag, newest", tags=["a"], published_at=now - timedelta(minutes=5))
    make_article("Three tags", tags=["a", "b", "c"], published_at=now - timedelta(days=3))
    make_article("Two tags", tags=["b", "c"], published_at=now - timedelta(days=2))
    make_article("One tag, older", tags=["c"], published_at=now - timedelta(days=1))
    assert also_read_headlines(client, article) == [
        "Three tags",
        "Two tags",
        "One tag, newest",
        "One tag, older",
    ]


def test_shows_at_most_the_configured_count(client, settings):
    settings.NEWSROOM_ALSO_READ_COUNT = 2
    article = make_article(tags=["a"])
    for _ in range(4):
        make_article(tags=["a"])
    assert len(also_read_headlines(client, article)) == 2


def test_never_lists_the_article_itself_a_draft_or_a_scheduled_article(client):
    article = make_article(tags=["a"])
    make_article("Draft", tags=["a"], status=Article.Status.DRAFT)
    make_article("Scheduled", tags=["a"], published_at=timezone.now() + timedelta(hours=1))
    make_article("Public", tags=["a"])
    assert also_read_headlines(client, article) == ["Public"]


def test_each_item_links_the_tags_it_shares(client):
    article = make_article(tags=["Trams", "Budget"])
    make_article("Neighbour", tags=["Trams", "Budget", "Weather"])
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index("Also Read") :]
    budget = reverse("articles:tag", kwargs={"slug": "budget"})
    trams = reverse("articles:tag", kwargs={"slug": "trams"})
    assert f'Shared tags: <a href="{budget}">Budget</a>, <a href="{trams}">Trams</a>' in section
    assert "Weather" not in section


def test_falls_back_to_latest_of_the_section_without_tag_neighbours(client):
    section = make_section()
    article = make_article(section=section, tags=["lonely"])
    make_article("Same section", section=section)
    make_article("Other section", tags=["unrelated"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert also_read_headlines(client, article) == ["Same section"]
    assert f'More from <a href="{section.get_absolute_url()}">' in html


def test_tag_neighbours_come_before_section_fill(client):
    section = make_section()
    article = make_article(section=section, tags=["a"])
    make_article("Section only, newest", section=section)
    make_article("Tag neighbour", tags=["a"], published_at=timezone.now() - timedelta(days=9))
    assert also_read_headlines(client, article) == ["Tag neighbour", "Section only, newest"]


def test_article_without_tags_still_gets_its_section(client):
    section = make_section()
    article = make_article(section=section)
    make_article("Neighbour", section=section)
    assert also_read_headlines(client, article) == ["Neighbour"]


def test_sits_at_the_end_of_the_article_after_the_faq(client):
    article = make_article(tags=["a"], faqs=[("Why?", "<p>Because.</p>")])
    make_article("Neighbour", tags=["a"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index('id="faq-heading"') < html.index('id="also-read-heading"') < html.index("</article>")


# Weighting --------------------------------------------------------------------


def test_rare_shared_tag_outranks_a_common_one(client):
    article = make_article(tags=["Harbour tunnel", "News"])
    for _ in range(6):
        make_article(tags=["News"], published_at=timezone.now() - timedelta(days=30))
    make_article(
        "Shares the rare tag", tags=["Harbour tunnel"], published_at=timezone.now() - timedelta(days=60)
    )
    make_article("Shares the common tag, newest", tags=["News"])
    headlines = also_read_headlines(client, article)
    assert headlines[0] == "Shares the rare tag"
    assert headlines[1] == "Shares the common tag, newest"


def test_more_shared_tags_beat_fewer_at_equal_rarity(client):
    article = make_article(tags=["a", "b"])
    make_article("Shares a", tags=["a", "x"])
    make_article("Shares b", tags=["b", "y"])
    make_article("Shares a and b", tags=["a", "b"], published_at=timezone.now() - timedelta(days=5))
    assert also_read_headlines(client, article)[0] == "Shares a and b"


def test_equal_scores_break_by_time_then_id_so_the_list_is_stable(client):
    when = timezone.now() - timedelta(days=1)
    article = make_article(tags=["a"])
    first = make_article("First made", tags=["a"], published_at=when)
    second = make_article("Second made", tags=["a"], published_at=when)
    assert first.pk < second.pk
    assert also_read_headlines(client, article) == ["Second made", "First made"]


def test_articles_the_body_links_to_are_left_out(client):
    linked = make_article("Already linked", tags=["a"])
    article = make_article(tags=["a"], body=f'<p>See <a href="{linked.get_absolute_url()}">this</a>.</p>')
    make_article("Not linked", tags=["a"], published_at=timezone.now() - timedelta(days=3))
    assert also_read_headlines(client, article) == ["Not linked"]


def test_ranking_matches_the_documented_formula_on_a_random_archive(client):
    """The pruned SQL ranking equals a plain evaluation of the formula."""
    rng = random.Random(7)
    tag_names = [f"t{n}" for n in range(12)]
    section = make_section()
    now = timezone.now()
    articles = [
        make_article(
            section=section,
            tags=rng.sample(tag_names, rng.randint(1, 5)),
            published_at=now - timedelta(hours=rng.randint(1, 500)),
        )
        for _ in range(40)
    ]
    tags_of = {a.pk: set(a.tags.names()) for a in articles}
    df = {name: sum(name in tags for tags in tags_of.values()) for name in tag_names}
    for article in articles[:10]:
        expected = sorted(
            (a for a in articles if a.pk != article.pk and tags_of[a.pk] & tags_of[article.pk]),
            key=lambda a: (
                -round(sum(math.log(1 + 40 / df[t]) for t in tags_of[a.pk] & tags_of[article.pk]), 6),
                -a.published_at.timestamp(),
                -a.pk,
            ),
        )[:4]
        assert [item.id for item in also_read.compute(article)] == [a.pk for a in expected]


def test_tag_links_carry_the_public_time_of_their_article():
    article = make_article(tags=["a", "b"], status=Article.Status.DRAFT)
    assert set(article.tagged_items.values_list("public_from", flat=True)) == {None}
    article.status = Article.Status.PUBLISHED
    article.save()
    article.tags.add("c")
    assert set(article.tagged_items.values_list("public_from", flat=True)) == {article.published_at}


# Pins -------------------------------------------------------------------------


def test_pins_come_first_in_their_order_then_ranked(client):
    article = make_article(tags=["a"])
    make_article("Ranked", tags=["a"])
    second, first = make_article("Pinned second"), make_article("Pinned first")
    AlsoReadPin.objects.create(article=article, pinned=second, position=2)
    AlsoReadPin.objects.create(article=article, pinned=first, position=1)
    assert also_read_headlines(client, article)[:3] == ["Pinned first", "Pinned second", "Ranked"]


def test_pinned_article_is_not_listed_twice(client):
    article = make_article(tags=["a"])
    both = make_article("Pinned and related", tags=["a"])
    AlsoReadPin.objects.create(article=article, pinned=both)
    assert also_read_headlines(client, article).count("Pinned and related") == 1


def test_pinned_draft_is_skipped_until_it_is_published(client, committed):
    article = make_article()
    draft = make_article("Pinned draft", status=Article.Status.DRAFT)
    AlsoReadPin.objects.create(article=article, pinned=draft)
    assert "Pinned draft" not in also_read_headlines(client, article)
    draft.status = Article.Status.PUBLISHED
    with committed():
        draft.save()
    assert also_read_headlines(client, article)[0] == "Pinned draft"


# Cache correctness, seen through rendered pages --------------------------------


def also_read_section(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return html[html.find('id="also-read-heading"') :] if 'id="also-read-heading"' in html else ""


def test_publishing_a_neighbour_shows_it_on_the_next_view(client, committed):
    article = make_article(tags=["a"])
    neighbour = make_article("Neighbour", tags=["a"], status=Article.Status.DRAFT)
    assert "Neighbour" not in also_read_section(client, article)
    neighbour.status = Article.Status.PUBLISHED
    with committed():
        neighbour.save()
    assert "Neighbour" in also_read_section(client, article)


def test_unpublishing_a_neighbour_removes_it_on_the_next_view(client, committed):
    article = make_article(tags=["a"])
    neighbour = make_article("Neighbour", tags=["a"])
    assert "Neighbour" in also_read_section(client, article)
    neighbour.status = Article.Status.DRAFT
    with committed():
        neighbour.save()
    assert "Neighbour" not in also_read_section(client, article)


def test_retagging_a_neighbour_moves_it_on_the_next_view(client, committed):
    article = make_article(tags=["a"])
    neighbour = make_article("Neighbour", tags=["b"])
    assert "Neighbour" not in also_read_section(client, article)
    with committed():
        neighbour.tags.add("a")
    assert "Neighbour" in also_read_section(client, article)
    with committed():
        neighbour.tags.clear()
    assert "Neighbour" not in also_read_section(client, article)


def test_deleting_a_neighbour_removes_it_on_the_next_view(client, committed):
    article = make_article(tags=["a"])
    neighbour = make_article("Neighbour", tags=["a"])
    assert "Neighbour" in also_read_section(client, article)
    with committed():
        neighbour.delete()
    assert "Neighbour" not in also_read_section(client, article)


def test_renaming_a_neighbour_shows_the_new_headline(client, committed):
    article = make_article(tags=["a"])
    neighbour = make_article("Old headline", tags=["a"])
    assert "Old headline" in also_read_section(client, article)
    neighbour.headline = "New headline"
    with committed():
        neighbour.save()
    assert "New headline" in also_read_section(client, article)


def test_scheduled_neighbour_appears_by_itself_when_its_time_comes(client, clock):
    article = make_article(tags=["a"])
    make_article("Embargoed", tags=["a"], published_at=timezone.now() + timedelta(minutes=5))
    assert "Embargoed" not in also_read_section(client, article)
    clock(timedelta(minutes=6))
    assert "Embargoed" in also_read_section(client, article)


def test_tag_usage_counts_only_public_articles():
    make_article(tags=["a"])
    make_article(tags=["a"], status=Article.Status.DRAFT)
    make_article(tags=["a"], published_at=timezone.now() + timedelta(days=1))
    assert TagUsage.objects.get(tag__name="a").public_articles == 1


def test_refresh_command_recounts_tag_usage_after_a_bulk_import():
    article = make_article(tags=["a"])
    TagUsage.objects.all().delete()
    article.tagged_items.update(public_from=None)
    call_command("also_read_refresh", stdout=io.StringIO())
    assert TagUsage.objects.get(tag__name="a").public_articles == 1
    assert article.tagged_items.get().public_from == article.published_at


def test_a_tag_links_only_its_most_recent_articles(client, settings):
    settings.NEWSROOM_ALSO_READ_TAG_WINDOW = 2
    now = timezone.now()
    article = make_article(tags=["Weather"], published_at=now - timedelta(days=10))
    for days in (1, 2, 3, 4):
        make_article(f"{days} days old", tags=["Weather"], published_at=now - timedelta(days=days))
    assert also_read_headlines(client, article) == ["1 days old", "2 days old"]


def test_tag_counts_catch_up_when_a_write_comes_between_a_scheduled_time_and_the_next_view(client, clock):
    article = make_article(tags=["a"])
    make_article(tags=["a"], published_at=timezone.now() + timedelta(minutes=5))
    client.get(article.get_absolute_url())
    assert TagUsage.objects.get(tag__name="a").public_articles == 1
    clock(timedelta(minutes=6))
    make_section("Unrelated")  # drops the content version before anyone views a page
    client.get(article.get_absolute_url())
    assert TagUsage.objects.get(tag__name="a").public_articles == 2


# Which lists a new story drops -------------------------------------------------------


@pytest.fixture
def full_list(committed):
    """A story whose Also Read is full of neighbours sharing a rare tag; a common tag links many more."""
    section = make_section()
    story = make_article("The story", tags=["harbour tunnel", "news"], section=section)
    for n in range(4):
        make_article(f"Tunnel neighbour {n}", tags=["harbour tunnel"], section=section)
    for n in range(12):
        make_article(f"Other news {n}", tags=["news"])
    with committed():
        pass
    return story


def test_a_new_story_too_weak_for_a_full_list_leaves_its_page_cached(client, full_list, committed):
    client.get(full_list.get_absolute_url())
    with committed():
        make_article("More news", tags=["news"], section=full_list.section)
    response = client.get(full_list.get_absolute_url())
    assert response["X-Cache"] == "HIT"
    assert "More news" not in also_read_headlines(client, full_list)


def test_a_new_story_strong_enough_for_a_full_list_enters_it_at_once(client, full_list, committed):
    client.get(full_list.get_absolute_url())
    with committed():
        make_article("Tunnel opens", tags=["harbour tunnel"], section=full_list.section)
    assert client.get(full_list.get_absolute_url())["X-Cache"] == "MISS"
    assert also_read_headlines(client, full_list)[0] == "Tunnel opens"


def test_a_scheduled_neighbour_appears_even_when_the_record_of_scheduled_times_was_lost(client, clock):
    from django.core.cache import cache

    from newsroom.dependencies import SCHEDULE_KEY

    article = make_article(tags=["a"])
    make_article("Embargoed", tags=["a"], published_at=timezone.now() + timedelta(minutes=5))
    assert "Embargoed" not in also_read_section(client, article)
    cache.delete(SCHEDULE_KEY)  # evicted, say
    clock(timedelta(minutes=6))
    assert "Embargoed" in also_read_section(client, article)


def test_a_story_retagged_into_a_full_list_enters_it_at_once(client, full_list, committed):
    newcomer = make_article("Tunnel budget", tags=["news"], section=full_list.section)
    with committed():
        pass
    assert "Tunnel budget" not in also_read_headlines(client, full_list)
    with committed():
        newcomer.tags.add("harbour tunnel")
    assert also_read_headlines(client, full_list)[0] == "Tunnel budget"
