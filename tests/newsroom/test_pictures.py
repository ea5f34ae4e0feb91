"""Pictures in a body: recorded at upload, their credit edited under Pictures and shown with the caption."""

import pytest
from django.urls import reverse

from newsroom.models import Picture
from tests.factories import image_upload, make_article

pytestmark = pytest.mark.django_db


def uploaded(staff_client):
    response = staff_client.post(reverse("richtext_image_upload"), {"upload": image_upload()})
    assert response.status_code == 200
    return response.json()["url"]


def test_an_upload_is_recorded_as_a_picture_to_credit(staff_client):
    url = uploaded(staff_client)
    (picture,) = Picture.objects.all()
    assert url.endswith(picture.name)
    assert picture.credit == ""


def test_a_credited_body_picture_shows_its_credit_in_its_caption(staff_client, client, settings):
    url = uploaded(staff_client)
    Picture.objects.update(credit="Jane Doe / Harbour Pictures")
    caption = "<figcaption>The quay at dawn.</figcaption>"
    body = f'<figure class="image"><img src="{url}" alt="The quay">{caption}</figure>'
    story = make_article(body=body)
    html = client.get(story.get_absolute_url()).content.decode()
    assert (
        '<figcaption>The quay at dawn. <span class="credit">Jane Doe / Harbour Pictures</span></figcaption>'
        in html
    )


def test_a_staff_body_picture_is_credited_to_the_publication(staff_client, client, settings):
    url = uploaded(staff_client)
    story = make_article(body=f'<figure class="image"><img src="{url}" alt="The quay"></figure><p>Text.</p>')
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'<figcaption><span class="credit">{settings.SITE_NAME}</span></figcaption>' in html


def test_a_new_credit_reaches_the_cached_page(staff_client, editor, client, committed):
    url = uploaded(staff_client)
    picture = Picture.objects.get()
    story = make_article(body=f'<figure class="image"><img src="{url}" alt="The quay"></figure>')
    with committed():
        pass
    assert "Ana Ruiz" not in client.get(story.get_absolute_url()).content.decode()
    with committed():
        response = editor.post(
            reverse("admin:newsroom_picture_change", args=[picture.pk]),
            {"credit": "Ana Ruiz", "copyright_notice": "", "license": "", "license_page": ""},
        )
    assert response.status_code == 302
    assert '<span class="credit">Ana Ruiz</span>' in client.get(story.get_absolute_url()).content.decode()


def test_the_story_admin_links_the_pictures_in_its_body(staff_client):
    url = uploaded(staff_client)
    picture = Picture.objects.get()
    story = make_article(body=f'<figure class="image"><img src="{url}" alt="The quay"></figure>')
    page = staff_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert reverse("admin:newsroom_picture_change", args=[picture.pk]) in page


def test_a_body_without_uploaded_pictures_is_shown_as_saved(client):
    story = make_article(body='<p>Text with <a href="https://example.com">a link</a>.</p>')
    assert (
        '<p>Text with <a href="https://example.com" rel="noopener">a link</a>.</p>'
        in client.get(story.get_absolute_url()).content.decode()
    )
