"""The real stack: PostgreSQL, Redis and a `celery worker` process.

Tests marked `stack` run only when DATABASE_URL points at PostgreSQL and
CELERY_BROKER_URL at a reachable broker. Outside CI they skip otherwise; in CI (CI=true)
a missing service fails the test with a sentence that says which one.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ruisss.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def _missing() -> str | None:
    if connection.vendor != "postgresql":
        return "DATABASE_URL ne pointe pas vers PostgreSQL"
    if not settings.CELERY_BROKER_URL:
        return "CELERY_BROKER_URL n'est pas défini"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=3)
    except Exception as exc:
        return f"le broker {settings.CELERY_BROKER_URL} ne répond pas ({exc})"
    return None


def require_real_stack() -> None:
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"La pile réelle est requise en CI : {reason}.", pytrace=False)
    pytest.skip(f"pile réelle absente : {reason}")


class Worker:
    """A real Celery worker process using the test database."""

    def __init__(self, mail_dir: Path, log_path: Path, env: dict | None = None):
        self.mail_dir = mail_dir
        self.log_path = log_path
        self.extra_env = env or {}
        self.process = None

    def start(self):
        db = connection.settings_dict
        env = {
            **os.environ,
            "DATABASE_URL": (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:"
                             f"{db['PORT'] or 5432}/{db['NAME']}"),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "DB_CONN_MAX_AGE": "0",
            **self.extra_env,
        }
        self.log = open(self.log_path, "w")  # noqa: SIM115 closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "ruisss", "worker", "--pool=solo",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"test-{os.getpid()}@%h"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Le worker Celery s'est arrêté :\n" + self.log_path.read_text())
            if "ready." in self.log_path.read_text():
                return self
            time.sleep(0.2)
        raise RuntimeError("Le worker Celery n'a pas démarré :\n" + self.log_path.read_text())

    def kill(self):
        """Die as a crashed worker does: no cleanup, the task in hand left unfinished."""
        self.process.kill()
        self.process.wait(timeout=20)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def sent_emails(self) -> list[str]:
        if not self.mail_dir.exists():
            return []
        return [path.read_text() for path in sorted(self.mail_dir.iterdir())]


def wait_until(condition, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    return condition()


@pytest.fixture
def celery_worker_process(real_stack, transactional_db, tmp_path):
    celery_app.control.purge()
    worker = Worker(tmp_path / "courriels", tmp_path / "worker.log").start()
    yield worker
    worker.stop()
