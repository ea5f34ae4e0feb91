"""What the benchmarks share: the production settings, a database to build, gunicorn on loopback."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def production_env(database_url, **extra):
    """The environment of a production server (DEBUG off) on 127.0.0.1, without the HTTPS redirect."""
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_CACHE_DISABLED"},
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SERVE_MEDIA": "1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    env.update(extra)
    return env


def setup_django(database_url, **extra):
    """Django set up in this process, with a production server's settings (``production_env``)."""
    os.environ.update(production_env(database_url, **extra))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def percentile(values, share):
    """The value ``share`` of the way up ``values`` (0.5: the median; 0.95: p95)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def ensure_postgres_database(database_url):
    """Create the PostgreSQL database of ``database_url`` when it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    with psycopg.connect(host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
                         dbname="postgres", autocommit=True) as admin:  # fmt: skip
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def start_gunicorn(port, env, log_level="warning"):
    """gunicorn with 2 workers on 127.0.0.1:``port``, once it answers."""
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", log_level],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    return answering(process, f"http://127.0.0.1:{port}/robots.txt", f"gunicorn on port {port}")


def answering(process, url, what):
    """``process`` once ``url`` answers; stopped, and an error, if it does not within 30 s."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(process)
    raise SystemExit(f"{what} did not answer within 30 s")


def stop_gunicorn(process):
    """Stop a server started here (gunicorn, S3) and every process it started."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def start_redis(port):
    """A Redis of its own on 127.0.0.1:``port``, without persistence (stopped, it comes back empty)."""
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode:
        if time.monotonic() > deadline:
            process.kill()
            raise SystemExit(f"redis-server on port {port} did not start within 10 s")
        time.sleep(0.05)
    return process


def s3_env(port, bucket):
    """The settings that put pictures in ``bucket`` on the S3 server of ``start_s3(port)``."""
    return {
        "DJANGO_MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "loopback-only",
        "AWS_SECRET_ACCESS_KEY": "loopback-only",
    }


def start_s3(port):
    """An S3 server of its own (moto's server mode) on 127.0.0.1:``port``, holding nothing on disk."""
    process = subprocess.Popen(
        [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    return answering(process, f"http://127.0.0.1:{port}/moto-api/", f"the S3 server on port {port}")
