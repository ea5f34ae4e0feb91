import io
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from newsroom.dependencies import local_copies


@pytest.fixture(autouse=True)
def _isolated_site(settings, tmp_path):
    # Templates resolve {% static %} without a collectstatic manifest, uploads
    # land in a scratch folder, and no cached value outlives its test.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    # One process here: in-process memory keeps query counts about the page's own
    # data. The shared backends are tested across real processes (tests/newsroom/test_shared_cache.py).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},  # like production's, far above what a test stores
        }
    }
    # Every copy is re-checked, so saves need not wait: the waiting is tested on its own and
    # across real processes (tests/newsroom/test_local_copies.py, test_shared_cache.py).
    settings.NEWSROOM_LOCAL_RECHECK_MS = 0
    # Background work is done at once, as on the debug server; the queue and its worker are
    # tested on their own (tests/newsroom/test_background.py, test_object_storage.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()
    local_copies.clear()
    yield
    cache.clear()
    local_copies.clear()


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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` commits the writes inside, as an editor's save does.

    Tests run in a transaction that is rolled back, so nothing waiting for a
    commit runs by itself. Entering the block commits what the test wrote
    before it (its setup); leaving it commits what was written inside.
    """
    ran = 0

    @contextmanager
    def commit():
        nonlocal ran
        for _, callback, _ in connection.run_on_commit[ran:]:
            callback()
        ran = len(connection.run_on_commit)
        with django_capture_on_commit_callbacks(execute=True):
            yield
        ran = len(connection.run_on_commit)

    return commit


@pytest.fixture
def clock(monkeypatch):
    """``clock(timedelta(...))`` moves the site's clock (django.utils.timezone.now) forward."""
    real_now = timezone.now

    def advance(delta):
        monkeypatch.setattr(timezone, "now", lambda: real_now() + delta)

    return advance


@pytest.fixture
def roles():
    """The Writers and Editors groups, as ``manage.py setup_roles`` makes them."""
    call_command("setup_roles", stdout=io.StringIO())


def member(django_user_model, name, group):
    """A signed-in client for a new staff member of ``group``; ``client.user`` is the user."""
    user = django_user_model.objects.create_user(name, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def writer(roles, django_user_model):
    return member(django_user_model, "wendy", "Writers")


@pytest.fixture
def editor(roles, django_user_model):
    return member(django_user_model, "eddie", "Editors")
