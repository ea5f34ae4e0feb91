"""Deployments share one cache: per-process memory with debug off fails the deploy check."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from bench.serving import ROOT, production_env
from newsroom.checks import shared_cache

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_per_process_memory_fails_the_deploy_check():
    with override_settings(CACHES=LOCMEM), pytest.raises(SystemCheckError) as raised:
        call_command("check", "--deploy", "--fail-level", "ERROR")
    assert "newsroom.E001" in str(raised.value)
    assert "Set REDIS_URL" in str(raised.value)


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.db.DatabaseCache",
        "newsroom.db_cache.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
        "newsroom.redis_cache.RedisCache",
    ],
)
def test_shared_caches_pass_the_deploy_check(backend):
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379"}}):
        assert shared_cache(None) == []


def configured_backend(**environment):
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default'])"
    )
    env = production_env("sqlite:///unused.sqlite3")
    env.pop("REDIS_URL", None)
    env.update(environment)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_production_settings_default_to_the_database_cache():
    assert "newsroom.db_cache.DatabaseCache" in configured_backend()


def test_redis_url_chooses_redis():
    assert "RedisCache" in configured_backend(REDIS_URL="redis://127.0.0.1:6379/2")


def test_a_purger_without_its_settings_fails_the_check(settings):
    settings.NEWSROOM_CDN_PURGERS = ["fastly", "akamai"]
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", "--fail-level", "ERROR")
    assert "The fastly purger needs FASTLY_SERVICE_ID" in str(raised.value)
    assert "Unknown CDN purger “akamai”" in str(raised.value)
