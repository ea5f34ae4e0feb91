"""Every hostile request and file of the corpus, against every page and upload path it could reach.

A reader never gets a 500; a staff member gets a clear message and nothing is stored.
"""

import io
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Article, Author
from newsroom.models import Publisher
from tests.admin_forms import ADD_URL, article_data
from tests.factories import image_upload, make_article, make_author, make_faq_page, make_section
from tests.newsroom.hostile_inputs import FORWARDED_FOR, METHODS, NEXT_URLS, PAGE_NUMBERS
from tests.site_pages import feeds, machine_pages, paged_pages, reader_pages, sitemaps

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    make_faq_page("Reader help", slug="help", faqs=[("Who?", "<p>Us.</p>")])
    return make_article("Bridge reopens", tags=["Bridges"], body="<p>The bridge is open.</p>")


def with_query(url, **params):
    return url + ("&" if "?" in url else "?") + urlencode(params)


def every_page(story):
    return {**reader_pages(story), **feeds(story), **machine_pages()}


@pytest.mark.parametrize("number", PAGE_NUMBERS)
def test_a_page_number_that_is_not_a_page_is_not_found_anywhere(story, number):
    reader = Client(raise_request_exception=False)
    for kind, url in paged_pages(story).items():
        response = reader.get(with_query(url, page=number))
        assert response.status_code == 404, (kind, number)
    for name, url in sitemaps().items():
        if name in ("index", "news"):
            continue
        assert reader.get(with_query(url, p=number)).status_code == 404, (name, number)


def test_page_one_and_two_are_the_only_pages_of_a_short_list(story):
    reader = Client()
    for kind, url in paged_pages(story).items():
        assert reader.get(with_query(url, page="1")).status_code == 200, kind
        assert reader.get(with_query(url, page="2")).status_code == 404, kind


@pytest.mark.parametrize("method", METHODS)
def test_no_page_answers_a_method_but_get_and_head(story, method):
    reader = Client(raise_request_exception=False)
    for kind, url in every_page(story).items():
        response = reader.generic(method, url)
        assert response.status_code == 405, (kind, method, response.status_code)
        assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD"}, kind


@pytest.mark.parametrize("target", NEXT_URLS)
def test_a_sign_in_never_sends_anyone_off_the_site(django_user_model, target):
    django_user_model.objects.create_superuser("editor", "e@example.com", "the-right-password")
    response = Client().post(
        reverse("admin:login") + "?next=" + target, {"username": "editor", "password": "the-right-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index"), target


@pytest.mark.parametrize("forwarded", FORWARDED_FOR)
def test_a_forged_forwarded_address_gets_the_sign_in_page_and_a_counted_failure(django_user_model, forwarded):
    django_user_model.objects.create_superuser("editor", "e@example.com", "the-right-password")
    visitor = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded, raise_request_exception=False)
    response = visitor.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


# Files ------------------------------------------------------------------------


def png(size):
    """A real PNG header for ``size`` pixels: small on the wire, huge once decoded."""
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    return buffer.getvalue()


HOSTILE_FILES = {
    "pixel bomb": ("big.png", lambda: png((20_000, 20_000)), "pixels"),
    "over the pixel limit": ("wide.png", lambda: png((10_000, 9_500)), "pixels"),
    "script as svg": (
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "JPEG",
    ),
    "html as jpeg": ("photo.jpg", lambda: b"<html><script>alert(1)</script></html>", "JPEG"),
    "truncated": ("cut.jpg", lambda: image_upload().read()[:300], "JPEG"),
    "empty": ("nothing.png", lambda: b"", "JPEG"),
}


def hostile_file(kind):
    name, content, _ = HOSTILE_FILES[kind]
    return SimpleUploadedFile(name, content(), content_type="image/png")


@pytest.mark.parametrize("kind", HOSTILE_FILES)
def test_the_editors_upload_refuses_every_hostile_file_with_a_message(staff_client, kind, settings):
    response = staff_client.post(reverse("richtext_image_upload"), {"upload": hostile_file(kind)})
    assert response.status_code == 400
    assert HOSTILE_FILES[kind][2] in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.parametrize("kind", HOSTILE_FILES)
def test_every_picture_field_refuses_every_hostile_file_and_saves_nothing(staff_client, kind, settings):
    section, author = make_section("City"), make_author("Ada Lane")
    Publisher.objects.create(name="The Daily")
    forms = [
        (ADD_URL, article_data(section, [author], hero_image=hostile_file(kind), hero_alt="x"), "hero_image"),
        (
            reverse("admin:articles_author_change", args=[author.pk]),
            {"name": "Ada Lane", "slug": author.slug, "photo": hostile_file(kind)},
            "photo",
        ),
        (
            reverse("admin:newsroom_publisher_change", args=[Publisher.objects.get().pk]),
            {"name": "The Daily", "logo": hostile_file(kind)},
            "logo",
        ),
    ]
    for url, data, field in forms:
        response = staff_client.post(url, data)
        assert response.status_code == 200, (url, response.status_code)
        errors = response.context["adminform"].form.errors
        assert field in errors, (field, errors)
    assert not Article.objects.exists()
    assert not Author.objects.get().photo
    assert not Publisher.objects.get().logo
    assert not settings.MEDIA_ROOT.exists() or not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))
