"""Old addresses keep working after a slug, section or tag name changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_changed_slug_redirects_permanently_to_the_canonical_url(client):
    article = make_article(slug="old-headline")
    old_url = article.get_absolute_url()
    article.slug = "new-headline"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_every_earlier_slug_redirects_after_several_renames(client):
    article = make_article(slug="first")
    urls = [article.get_absolute_url()]
    for slug in ("second", "third"):
        article.slug = slug
        article.save()
        urls.append(article.get_absolute_url())
    for url in urls[:-1]:
        assert client.get(url)["Location"] == urls[-1]


def test_changed_section_redirects_to_the_new_section_url(client):
    article = make_article()
    old_url = article.get_absolute_url()
    article.section = make_section("Metro")
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_old_slug_of_a_draft_does_not_reveal_it(client):
    article = make_article(slug="old-secret", status=Article.Status.DRAFT)
    old_url = article.get_absolute_url()
    article.slug = "new-secret"
    article.save()
    assert client.get(old_url).status_code == 404


def test_reusing_an_old_slug_serves_the_new_article(client):
    first = make_article("First", slug="shared-slug")
    first.slug = "first-renamed"
    first.save()
    second = make_article("Second", slug="shared-slug", section=first.section)
    response = client.get(second.get_absolute_url())
    assert response.status_code == 200
    assert "Second" in response.content.decode()


def test_renamed_tag_redirects_to_its_new_page(client):
    make_article(tags=["Trams"])
    tag = Tag.objects.get(name="Trams")
    tag.name, tag.slug = "Light rail", "light-rail"
    tag.save()
    response = client.get(reverse("articles:tag", kwargs={"slug": "trams"}))
    assert response.status_code == 301
    assert response["Location"] == reverse("articles:tag", kwargs={"slug": "light-rail"})


@pytest.fixture
def renamed():
    """A published story whose first address, /…/harbour-plan/, now redirects to its new one."""
    article = make_article("Harbour plan approved", slug="harbour-plan")
    old_url = article.get_absolute_url()
    article.slug = "harbour-plan-approved"
    article.save()
    return article, old_url


def test_a_draft_cannot_take_the_old_address_of_a_published_story(renamed):
    article, _ = renamed
    draft = Article(headline="Draft", slug="harbour-plan", standfirst="S.", section=article.section)
    with pytest.raises(ValidationError) as refused:
        draft.full_clean()
    assert "still leads readers to the published story “Harbour plan approved”" in str(refused.value)


def test_a_draft_saved_with_the_old_address_leaves_the_redirect_working(client, renamed):
    article, old_url = renamed
    make_article("Draft", slug="harbour-plan", section=article.section, status=Article.Status.DRAFT)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_a_published_story_takes_the_old_address_over(client, renamed):
    article, old_url = renamed
    newcomer = make_article("Harbour plan, part two", slug="harbour-plan", section=article.section)
    response = client.get(old_url)
    assert response.status_code == 200
    assert "Harbour plan, part two" in response.content.decode()
    assert newcomer.get_absolute_url() == old_url
