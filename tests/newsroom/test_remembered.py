"""What a process remembers to render pages faster answers exactly as what it replaces."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from articles.renditions import stored_url
from newsroom.site import link
from newsroom.templatetags.newsroom_tags import time_element


def render(text, **context):
    return Template("{% load newsroom_tags %}" + text).render(Context(context))


def test_link_answers_as_reverse_does():
    assert link("articles:tag", kwargs={"slug": "harbour"}) == reverse(
        "articles:tag", kwargs={"slug": "harbour"}
    )
    assert link("articles:read", [12]) == reverse("articles:read", args=[12])
    assert link("articles:home") == "/"


def test_the_url_tag_gives_the_same_addresses():
    assert render("{% url 'articles:tag' slug %}", slug="harbour") == reverse(
        "articles:tag", args=["harbour"]
    )
    assert render("{% url 'articles:tag' slug=slug %}", slug="harbour") == "/tag/harbour/"
    assert render("{% url 'articles:home' as home %}[{{ home }}]") == "[/]"


def test_the_url_tag_fails_loudly_unless_asked_to_keep_quiet():
    with pytest.raises(NoReverseMatch):
        render("{% url 'articles:no-such-page' %}")
    assert render("{% url 'articles:no-such-page' as gone %}[{{ gone }}]") == "[]"


def test_a_changed_script_prefix_changes_the_addresses():
    from django.urls import set_script_prefix

    set_script_prefix("/news/")
    try:
        assert link("articles:home") == "/news/"
    finally:
        set_script_prefix("/")
    assert link("articles:home") == "/"


@override_settings(MEDIA_URL="/media/")
def test_stored_addresses_follow_the_media_address():
    assert stored_url("heroes/a.jpg") == "/media/heroes/a.jpg"
    with override_settings(MEDIA_URL="https://pictures.example.com/"):
        assert stored_url("heroes/a.jpg") == "https://pictures.example.com/heroes/a.jpg"
    assert stored_url("heroes/a.jpg") == "/media/heroes/a.jpg"


def test_time_elements_follow_the_time_zone_and_language():
    moment = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    with timezone.override("Europe/London"):
        assert "3 December 2026" in time_element(moment)
    with timezone.override("Asia/Tokyo"):
        tokyo = time_element(moment)
    assert "4 December 2026" in tokyo
    assert 'datetime="2026-12-04T08:30:00+09:00"' in tokyo
    with translation.override("de"):
        assert "Dezember" in time_element(moment)
