"""Picture credits and rights: with the caption, and on every ImageObject of the JSON-LD."""

import pytest

from articles import structured_data
from newsroom.models import Publisher
from tests.factories import make_article
from tests.helpers import jsonld_graph, nodes_of_type

pytestmark = pytest.mark.django_db


def images_of(client, article):
    return nodes_of_type(jsonld_graph(client.get(article.get_absolute_url()).content.decode()), "ImageObject")


def test_a_credited_picture_carries_its_own_rights_on_every_rendition(client):
    story = make_article(
        hero=True, hero_credit="Jane Doe / Harbour Pictures", hero_copyright="© 2026 Harbour Pictures",
        hero_license="https://harbour.example/licence", hero_license_page="https://harbour.example/buy",
    )  # fmt: skip
    images = images_of(client, story)
    assert len(images) == 3
    for image in images:
        assert image["creator"] == {"@type": "Person", "name": "Jane Doe / Harbour Pictures"}
        assert image["creditText"] == "Jane Doe / Harbour Pictures"
        assert image["copyrightNotice"] == "© 2026 Harbour Pictures"
        assert image["license"] == "https://harbour.example/licence"
        assert image["acquireLicensePage"] == "https://harbour.example/buy"


def test_a_staff_picture_carries_the_publishers_rights(client, settings):
    Publisher.objects.create(
        name="The Evening Post", picture_copyright="© The Evening Post",
        picture_license="https://post.example/licence", picture_license_page="https://post.example/syndication",
    )  # fmt: skip
    story = make_article(hero=True)
    (first, *_) = images_of(client, story)
    assert first["creator"] == {"@id": settings.SITE_URL + "/#organization"}
    assert first["creditText"] == "The Evening Post"
    assert first["copyrightNotice"] == "© The Evening Post"
    assert first["license"] == "https://post.example/licence"
    assert first["acquireLicensePage"] == "https://post.example/syndication"


def test_without_the_publishers_notice_a_staff_picture_is_the_publications(client, settings):
    story = make_article(hero=True)
    (first, *_) = images_of(client, story)
    assert first["copyrightNotice"] == f"© {settings.SITE_NAME}"
    assert "license" not in first


def test_the_credit_shows_with_the_caption(client, settings):
    credited = make_article(hero=True, hero_caption="The new bridge.", hero_credit="Jane Doe")
    staff = make_article(hero=True, hero_caption="The old bridge.")
    html = client.get(credited.get_absolute_url()).content.decode()
    assert 'The new bridge. <span class="credit">Jane Doe</span>' in html
    html = client.get(staff.get_absolute_url()).content.decode()
    assert f'The old bridge. <span class="credit">{settings.SITE_NAME}</span>' in html


def test_a_credited_picture_without_a_licence_gets_a_warning_for_the_editor():
    story = make_article(hero=True, hero_credit="Jane Doe")
    messages = [finding.message for finding in structured_data.fields_findings(story)]
    assert "The credited hero picture has no licence URL: search engines show no licence for it." in messages
