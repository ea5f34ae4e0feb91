"""The demo content a newcomer sees after `make run`."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse
from reversion.models import Revision
from taggit.models import Tag

from articles import revisions
from articles.models import AlsoReadPin, Article, Author, Correction, OldSlug, OldTagSlug, Section, TagUsage
from faq.models import FAQEntry, FAQPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, demo_media):
    """The demo, made once for this module (its pictures take a while); tests roll back their changes."""
    with override_settings(MEDIA_ROOT=demo_media), django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        for model in (
            FAQEntry,
            AlsoReadPin,
            OldSlug,
            OldTagSlug,
            Article,
            Author,
            Section,
            Tag,
            TagUsage,
            FAQPage,
            Revision,
        ):
            model.objects.all().delete()


@pytest.fixture(autouse=True)
def _demo_media(settings, demo_media):
    settings.MEDIA_ROOT = demo_media


def test_seed_creates_a_realistic_newsroom(seeded):
    assert Section.objects.count() >= 3
    assert Author.objects.count() >= 5
    assert Tag.objects.count() >= 30
    assert Article.objects.count() >= 40
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.exclude(pk__in=Article.objects.published()).filter(status="published").exists()
    assert FAQPage.objects.published().count() == 1


def test_seed_gives_twelve_articles_three_to_six_faq_entries(seeded):
    counts = [n for n in Article.objects.annotate(n=Count("faq_entries")).values_list("n", flat=True) if n]
    assert len(counts) >= 12
    assert all(3 <= n <= 6 for n in counts)


def test_seed_articles_have_lists_and_subheadings(seeded):
    assert Article.objects.filter(body__contains="<h2>").count() >= 10
    assert Article.objects.filter(body__contains="<ul>").exists()


def test_seed_is_idempotent(seeded):
    before = (Article.objects.count(), Tag.objects.count(), FAQPage.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Article.objects.count(), Tag.objects.count(), FAQPage.objects.count()) == before


def test_seeded_site_serves_every_page(seeded, client):
    article = Article.objects.published().filter(faq_entries__isnull=False).first()
    for url in [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.tags.first().get_absolute_url(),
        article.ordered_authors[0].get_absolute_url(),
        FAQPage.objects.get().get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_demo_has_a_corrected_story(seeded, client):
    (correction,) = Correction.objects.all()
    page = client.get(correction.article.get_absolute_url()).content.decode()
    assert "Correction," in page
    assert correction.text in page
    assert correction.text in client.get(reverse("articles:corrections")).content.decode()


def test_every_demo_story_starts_its_history_and_one_waits_in_review(seeded):
    assert all(revisions.history(article).exists() for article in Article.objects.all())
    assert Article.objects.filter(status=Article.Status.REVIEW).count() == 1


def test_the_demo_has_a_live_story_with_a_dozen_updates(seeded, client):
    (story,) = Article.objects.filter(live=True)
    assert story.live_updates.count() == 12
    assert story.live_updates.filter(key_event=True).count() == 3
    assert "badge--live" in client.get(reverse("articles:home")).content.decode()
