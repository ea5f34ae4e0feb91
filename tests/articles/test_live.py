"""Live coverage: updates from the admin's quick form, on the page and its fragment, in the JSON-LD."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import LiveUpdate
from tests.factories import image_upload, make_article
from tests.helpers import jsonld_graph, nodes_of_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story():
    story = make_article("Storm reaches the coast", live=True)
    now = timezone.now()
    for minutes, text, key in [
        (50, "Winds reach 90 km/h at the harbour.", False),
        (30, "The coast road is closed.\n\nDrivers are sent inland.", True),
        (10, "Ferries stop for the night.", False),
    ]:
        LiveUpdate.objects.create(
            article=story, text=text, key_event=key, published_at=now - timedelta(minutes=minutes)
        )
    return story


def quick_form_url(story):
    return reverse("admin:articles_article_live", args=[story.pk])


def test_updates_show_newest_first_with_their_anchor_and_time(client, live_story):
    html = client.get(live_story.get_absolute_url()).content.decode()
    assert html.index("Ferries stop") < html.index("The coast road is closed") < html.index("Winds reach")
    update = live_story.live_updates.get(key_event=True)
    assert f'id="{update.anchor}"' in html
    assert "<p>The coast road is closed.</p><p>Drivers are sent inland.</p>" in html


def test_key_events_are_listed_at_the_top(client, live_story):
    html = client.get(live_story.get_absolute_url()).content.decode()
    keys = html.split('aria-label="Key events"')[1].split("</nav>")[0]
    assert "The coast road is closed." in keys
    assert "Ferries" not in keys


def test_the_page_reads_completely_without_script_and_loads_the_script_from_the_site(client, live_story):
    html = client.get(live_story.get_absolute_url()).content.decode()
    assert html.count('<li class="live__update') == 3
    assert '<script src="/static/js/live.js" defer></script>' in html
    assert "<script>" not in html  # nothing inline: the Content-Security-Policy allows none


def test_a_live_story_is_a_live_blog_posting_with_its_updates(client, live_story):
    graph = jsonld_graph(client.get(live_story.get_absolute_url()).content.decode())
    (posting,) = nodes_of_type(graph, "LiveBlogPosting")
    assert posting["coverageStartTime"] == live_story.published_at.isoformat()
    assert "coverageEndTime" not in posting
    updates = posting["liveBlogUpdate"]
    assert [u["headline"] for u in updates] == [
        "Ferries stop for the night.",
        "The coast road is closed. Drivers are sent inland.",
        "Winds reach 90 km/h at the harbour.",
    ]
    assert all(u["@type"] == "BlogPosting" for u in updates)
    assert updates[1]["articleBody"] == "The coast road is closed.\n\nDrivers are sent inland."
    assert updates[0]["datePublished"] == live_story.live_updates.first().published_at.isoformat()


def test_a_story_that_is_not_live_stays_a_news_article(client):
    story = make_article("Quiet day")
    graph = jsonld_graph(client.get(story.get_absolute_url()).content.decode())
    assert nodes_of_type(graph, "LiveBlogPosting") == []
    assert len(nodes_of_type(graph, "NewsArticle")) == 1


def test_lists_mark_the_story_live_until_coverage_ends(client, live_story, committed):
    assert "badge--live" in client.get(reverse("articles:home")).content.decode()
    with committed():
        live_story.coverage_end = timezone.now() - timedelta(minutes=1)
        live_story.save()
    assert "badge--live" not in client.get(reverse("articles:home")).content.decode()
    assert "live.js" not in client.get(live_story.get_absolute_url()).content.decode()


def test_an_editor_posts_an_update_from_the_quick_form(editor, live_story):
    response = editor.post(
        quick_form_url(live_story),
        {
            "text": "Power is back in the old town.",
            "key_event": "on",
            "picture": image_upload(),
            "picture_alt": "Lights",
        },
    )
    assert response.status_code == 302
    update = live_story.live_updates.first()
    assert (update.text, update.key_event, update.created_by) == (
        "Power is back in the old town.",
        True,
        editor.user,
    )
    assert update.picture


def test_a_picture_without_alt_text_is_refused_and_nothing_is_posted(editor, live_story):
    response = editor.post(
        quick_form_url(live_story), {"text": "Look.", "picture": image_upload()}, follow=True
    )
    assert "Not posted: A picture needs alt text" in response.content.decode()
    assert live_story.live_updates.count() == 3


def test_writers_cannot_post_updates(writer, live_story):
    response = writer.post(quick_form_url(live_story), {"text": "Sneaked in."})
    assert response.status_code == 403
    assert live_story.live_updates.count() == 3


def test_an_update_refreshes_the_story_and_its_fragment_but_not_the_lists(
    client, editor, live_story, committed
):
    home, page = reverse("articles:home"), live_story.get_absolute_url()
    fragment = reverse("articles:live_updates", args=[live_story.section.slug, live_story.slug])
    with committed():
        pass  # the story and its first updates are in; their drops are done
    for url in (home, page, fragment):
        client.get(url)
    assert client.get(fragment)["X-Cache"] == "HIT"
    with committed():
        editor.post(quick_form_url(live_story), {"text": "Schools close tomorrow."})
    assert client.get(home)["X-Cache"] == "HIT"
    refreshed = client.get(fragment)
    assert refreshed["X-Cache"] == "MISS"
    assert "Schools close tomorrow." in refreshed.content.decode()
    assert "Schools close tomorrow." in client.get(page).content.decode()


def test_the_fragment_is_only_for_live_public_stories(client):
    quiet = make_article("Quiet day")
    url = reverse("articles:live_updates", args=[quiet.section.slug, quiet.slug])
    assert client.get(url).status_code == 404


def test_a_list_stops_marking_the_story_live_when_its_coverage_ends(client, live_story, committed, clock):
    with committed():
        live_story.coverage_end = timezone.now() + timedelta(minutes=5)
        live_story.save()
    assert "badge--live" in client.get(reverse("articles:home")).content.decode()
    clock(timedelta(minutes=6))
    assert "badge--live" not in client.get(reverse("articles:home")).content.decode()
