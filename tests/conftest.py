import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _isolated_site(settings, tmp_path):
    # Templates resolve {% static %} without a collectstatic manifest, uploads
    # land in a scratch folder, and no cached value outlives its test.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(django_user_model):
    """A signed-in superuser, separate from the anonymous ``client``."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-for-tests")
    staff = Client()
    staff.force_login(user)
    return staff


@pytest.fixture
def without_page_cache(settings):
    """Render every request: for tests that measure the uncached path."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "newsroom.cache.PublicPageCacheMiddleware"]
