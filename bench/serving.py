"""What the benchmarks share: the production settings, a database to build, gunicorn on loopback."""

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
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
        # Background work at once, in the request, unless the caller runs a worker (NEWSROOM_TASKS=database).
        "NEWSROOM_TASKS": "immediate",
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
    """Stop a server started here (gunicorn, S3, Redis) and every process it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:  # not the leader of a group of its own (Redis), or gone already
        process.terminate()
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


class ReplicatedPostgres:
    """A PostgreSQL primary and a streaming replica made from it with pg_basebackup, on loopback.

    Both are clusters of their own in a temporary folder (the machine's server is
    untouched), run as the ``postgres`` user when this runs as root, with no
    durability on disk (tests and drills only). ``pause()`` and ``resume()``
    hold and release the replica's replay of what the primary writes.
    """

    def __init__(self, primary_port, replica_port):
        self.ports = {"primary": primary_port, "replica": replica_port}
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-postgres-"))
        self.bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        try:
            self._make(primary_port)
        except BaseException:
            self.close()
            raise

    def _make(self, primary_port):
        self._run("initdb", "-D", self.data("primary"), "-U", "postgres", "-A", "trust", "--no-sync")
        with open(self.data("primary") / "postgresql.conf", "a") as conf:
            conf.write(
                "listen_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\n"
                f"unix_socket_directories = '{self.folder}'\nwal_level = replica\nmax_wal_senders = 4\n"
            )
        self.start("primary")
        self._run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
            "-D", self.data("replica"), "-R", "-X", "stream", "--checkpoint=fast",
        )  # fmt: skip
        self.start("replica")

    def data(self, which):
        return self.folder / which

    def url(self, which, database="newsroom"):
        return f"postgres://postgres@127.0.0.1:{self.ports[which]}/{database}"

    def _run(self, command, *arguments):
        line = [str(self.bin / command), *map(str, arguments)]
        if os.geteuid() == 0:
            line = ["runuser", "-u", "postgres", "--", *line]
        subprocess.run(line, check=True, capture_output=True, timeout=120)

    def start(self, which):
        log = self.folder / f"{which}.log"
        self._run("pg_ctl", "-D", self.data(which), "-l", log, "-o", f"-p {self.ports[which]}", "-w", "start")

    def stop(self, which):
        self._run("pg_ctl", "-D", self.data(which), "-m", "fast", "-w", "stop")

    def sql(self, which, statement, database="postgres"):
        """The rows ``statement`` gives (SELECT), or none, on the primary or the replica."""
        import psycopg

        with psycopg.connect(self.url(which, database), autocommit=True) as connection:
            cursor = connection.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def pause(self):
        self.sql("replica", "SELECT pg_wal_replay_pause()")

    def resume(self):
        self.sql("replica", "SELECT pg_wal_replay_resume()")

    def caught_up(self, timeout=30):
        """Wait until the replica has replayed everything the primary has written."""
        (target,) = self.sql("primary", "SELECT pg_current_wal_insert_lsn()::text")[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.sql("replica", f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0][0]:
                return
            time.sleep(0.05)
        raise SystemExit(f"the replica did not catch up within {timeout} s")

    def close(self):
        for which in ("replica", "primary"):
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop(which)
        shutil.rmtree(self.folder, ignore_errors=True)
