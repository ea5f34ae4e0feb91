"""Settings from the environment: what each gives, and a clear refusal where one cannot work."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(printed="s.DEBUG", **env):
    """Load the settings in a new process with only ``env`` set; it prints ``printed`` (s: the settings)."""
    ours = ("DJANGO_", "AWS_", "DATABASE_", "REDIS_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    return subprocess.run(
        [sys.executable, "-c", f"import newsroom.settings as s; print({printed})"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_secret_key_with_debug_off_refuses_to_start_with_a_clear_message():
    result = load_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_mode_starts_without_a_secret_key():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0
    assert result.stdout.strip() == "True"


def media_settings(**env):
    """The pictures' storage, address and CSP image sources that ``env`` gives, or the error."""
    printed = "s.STORAGES['default']['BACKEND'], s.MEDIA_URL, s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
    return load_settings(printed, DJANGO_DEBUG="1", **env)


def test_pictures_are_on_the_local_disk_unless_a_bucket_is_configured():
    result = media_settings()
    assert result.stdout.split(" ", 2)[:2] == ["newsroom.uploads.MediaStorage", "/media/"]


def test_a_bucket_puts_pictures_at_its_address_and_lets_pages_load_them():
    on_endpoint = media_settings(
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="pictures",
        AWS_S3_ENDPOINT_URL="http://10.0.0.5:9000/",
    )
    assert on_endpoint.returncode == 0, on_endpoint.stderr
    backend, url, sources = on_endpoint.stdout.split(" ", 2)
    assert (backend, url) == ("newsroom.object_storage.ObjectStorage", "http://10.0.0.5:9000/pictures/")
    assert "'img-src': [\"'self'\", 'data:', 'http://10.0.0.5:9000']" in sources
    behind_cdn = media_settings(
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="pictures",
        DJANGO_MEDIA_URL="https://img.example.com/",
    )
    assert behind_cdn.stdout.split(" ", 2)[1] == "https://img.example.com/"
    on_amazon = media_settings(DJANGO_MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="pictures")
    assert on_amazon.stdout.split(" ", 2)[1] == "https://pictures.s3.us-east-1.amazonaws.com/"


def test_a_storage_setting_that_cannot_work_refuses_to_start_and_says_why():
    unknown = media_settings(DJANGO_MEDIA_STORAGE="ftp")
    assert unknown.returncode != 0
    assert "DJANGO_MEDIA_STORAGE is 'local' or 's3', not 'ftp'" in unknown.stderr
    no_bucket = media_settings(DJANGO_MEDIA_STORAGE="s3")
    assert no_bucket.returncode != 0
    assert "needs AWS_STORAGE_BUCKET_NAME" in no_bucket.stderr
    relative = media_settings(
        DJANGO_MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="pictures", DJANGO_MEDIA_URL="/media/"
    )
    assert relative.returncode != 0
    assert "DJANGO_MEDIA_URL must be an http(s) address ending in a slash" in relative.stderr


def test_replicas_need_postgresql_and_redis_and_say_so():
    def replicas(**env):
        return load_settings("s.DATABASE_REPLICAS, s.DATABASE_ROUTERS", DJANGO_DEBUG="1", **env)

    primary, replica = "postgres://db-1:5432/newsroom", "postgres://db-2:5432/newsroom"
    working = replicas(DATABASE_URL=primary, DATABASE_REPLICA_URLS=replica, REDIS_URL="redis://cache:6379/0")
    assert working.returncode == 0, working.stderr
    assert working.stdout.strip() == "['replica1'] ['newsroom.replicas.ReplicaRouter']"
    without_redis = replicas(DATABASE_URL=primary, DATABASE_REPLICA_URLS=replica)
    assert without_redis.returncode != 0
    assert "DATABASE_REPLICA_URLS needs REDIS_URL" in without_redis.stderr
    on_sqlite = replicas(DATABASE_REPLICA_URLS=replica, REDIS_URL="redis://cache:6379/0")
    assert on_sqlite.returncode != 0
    assert "replicas of a PostgreSQL DATABASE_URL" in on_sqlite.stderr
