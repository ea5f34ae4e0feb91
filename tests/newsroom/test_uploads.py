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


def png_header(width, height):
    """A PNG that claims ``width`` x ``height`` pixels: what a decompression bomb looks like unopened."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(20_000, 20_000), (10_000, 9_500)])
def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(staff_client, size):
    upload = SimpleUploadedFile("huge.png", png_header(*size), content_type="image/png")
    response = staff_client.post(URL, {"upload": upload})
    assert response.status_code == 400
    assert "pixels" in response.json()["error"]["message"]
    assert "Resize it" in response.json()["error"]["message"]


def test_an_upload_named_like_another_format_is_stored_as_what_it_is(staff_client):
    response = staff_client.post(URL, {"upload": image_upload("invoice.pdf", image_format="PNG")})
    assert response.status_code == 200
    assert response.json()["url"].endswith(".png")
