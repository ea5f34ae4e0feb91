"""Safe to deploy as it is: settings, headers, login lockout, failures and bad input."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import ADD_URL, article_data, errors_of
from tests.factories import image_upload, make_article, make_author, make_section

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="news.example"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_public_pages_carry_security_headers(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("articles:home"), secure=True)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_policy_only_adds_what_ckeditor_needs(staff_client):
    csp = staff_client.get(ADD_URL)["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp
    assert "script-src 'self';" in csp + ";"
    assert "blob:" in csp


def test_login_attempts_are_rate_limited_with_a_clear_message(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "the-right-password")
    browser = Client()
    login = reverse("admin:login")
    for _ in range(4):
        response = browser.post(login, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    response = browser.post(login, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    locked = browser.post(login, {"username": "editor", "password": "the-right-password"})
    assert locked.status_code == 429


def test_other_accounts_can_still_sign_in_during_a_lockout(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "the-right-password")
    django_user_model.objects.create_superuser("writer", "w@example.com", "another-password")
    browser = Client()
    for _ in range(5):
        browser.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})
    response = browser.post(reverse("admin:login"), {"username": "writer", "password": "another-password"})
    assert response.status_code == 302


def test_database_down_answers_503_with_retry_after(monkeypatch):
    make_article()

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("articles.models.ArticleQuerySet.published", down)
    response = Client(raise_request_exception=False).get(reverse("articles:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "We will be right back" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_unexpected_error_is_a_styled_500_without_details(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("secret internals")

    monkeypatch.setattr("articles.views.HomeView.get_articles", broken)
    response = Client(raise_request_exception=False).get(reverse("articles:home"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "secret internals" not in html


@pytest.mark.parametrize(
    "url",
    ["/%ff/", "/%ff/%fe/", "/tag/%ff/", "/%00/", "/?page=abc", "/?page=%ff", "/?page=999999", "/?page=%00"],
)
def test_bad_paths_and_parameters_get_a_clean_answer(client, url):
    make_article()
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code in (400, 404), url


@pytest.mark.parametrize("query", ["%ff", "x" * 10_000, "%00", "%e2%28%a1"])
def test_bad_search_parameters_get_a_clean_answer(query):
    response = Client(raise_request_exception=False).get(reverse("articles:search") + "?q=" + query)
    assert response.status_code in (200, 400)


def test_hero_images_are_stored_under_random_names(staff_client):
    section, author = make_section(), make_author()
    upload = image_upload("Minister Secret Meeting.jpg")
    staff_client.post(ADD_URL, article_data(section, [author], hero_image=upload, hero_alt="A meeting"))
    name = Article.objects.get().hero_image.name
    assert name.startswith("heroes/")
    assert "Secret" not in name


def test_svg_hero_image_is_refused(staff_client):
    section, author = make_section(), make_author()
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    response = staff_client.post(ADD_URL, article_data(section, [author], hero_image=svg, hero_alt="x"))
    assert "Upload a valid image" in errors_of(response)
    assert not Article.objects.exists()


def test_hero_image_over_the_size_cap_is_refused(staff_client, settings):
    settings.NEWSROOM_UPLOAD_MAX_BYTES = 1000
    section, author = make_section(), make_author()
    response = staff_client.post(
        ADD_URL, article_data(section, [author], hero_image=image_upload(), hero_alt="x")
    )
    assert "The image is larger than" in errors_of(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "articles:home",
        "articles:search",
        "articles:feed_rss",
        "articles:feed_full_atom",
        "sitemap-index",
        "sitemap-news",
        "robots",
    ],
)
def test_trace_is_refused_on_every_page(client, name):
    make_article()
    response = client.generic("TRACE", reverse(name))
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_a_lockout_behind_the_proxy_shuts_out_only_the_address_that_failed(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "the-right-password")
    login = reverse("admin:login")
    # Both come through the same TLS proxy (one REMOTE_ADDR); it appends each client's address.
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    editor = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for _ in range(5):
        attacker.post(login, {"username": "editor", "password": "wrong"})
    assert attacker.post(login, {"username": "editor", "password": "the-right-password"}).status_code == 429
    assert editor.post(login, {"username": "editor", "password": "the-right-password"}).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_a_lockout(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "the-right-password")
    login = reverse("admin:login")
    for n in range(5):
        # The proxy appends the real address after whatever the client sent.
        forged = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.66")
        forged.post(login, {"username": "editor", "password": "wrong"})
    again = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.66")
    assert again.post(login, {"username": "editor", "password": "the-right-password"}).status_code == 429


def test_a_refused_next_after_login_lands_in_the_admin(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "the-right-password")
    login = reverse("admin:login") + "?next=https://evil.example/steal"
    response = Client().post(login, {"username": "editor", "password": "the-right-password"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
