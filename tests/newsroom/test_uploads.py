"""Editor image uploads: signed-in staff only, real images only, random names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import image_upload

pytestmark = pytest.mark.django_db

URL = reverse("richtext_image_upload")


def test_anonymous_upload_is_refused(client):
    response = client.post(URL, {"upload": image_upload()})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only signed-in staff can upload images."


def test_signed_in_non_staff_upload_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    assert client.post(URL, {"upload": image_upload()}).status_code == 403


def test_staff_upload_of_a_real_image_is_stored_under_a_random_name(staff_client, settings):
    response = staff_client.post(URL, {"upload": image_upload("My Holiday Photo.png", image_format="PNG")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith(settings.MEDIA_URL + "uploads/")
    assert url.endswith(".png")
    assert "Holiday" not in url


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.jpg", b"just some text pretending to be a jpeg"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_staff_upload_of_a_non_image_is_refused(staff_client, name, content):
    response = staff_client.post(URL, {"upload": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "That file is not a JPEG, PNG, GIF or WebP image."


def test_truncated_image_is_refused(staff_client):
    whole = image_upload().read()
    response = staff_client.post(URL, {"upload": SimpleUploadedFile("cut.jpg", whole[:200])})
    assert response.status_code == 400


def test_image_over_the_size_cap_is_refused(staff_client, settings):
    settings.NEWSROOM_UPLOAD_MAX_BYTES = 100
    response = staff_client.post(URL, {"upload": image_upload()})
    assert response.status_code == 400
    assert "larger than" in response.json()["error"]["message"]
