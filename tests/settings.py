"""Settings for the test suite: the platform's own, with a fast password hasher.

PBKDF2 is deliberately slow; tests create hundreds of users and never need its strength.

`make test` runs the suite in several processes (pytest-xdist). Each has its own test
database (pytest-django), and here its own Redis database for the cache (every test
empties it), Celery queue (the real-worker tests purge and read it) and folders.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from ruisss.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


# Uploaded files of the tests go to a folder of their own, never to var/media; the
# collected static files too, which each process collects at its start.
MEDIA_ROOT = _folder("ruisss-media-")
STATIC_ROOT = _folder("ruisss-static-")

# "gw0", "gw1"… under pytest-xdist; the Celery worker that a test starts inherits it.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
# Redis databases 10 to 15: six processes at most.
FIRST_WORKER_CACHE_DATABASE = 10
if XDIST_WORKER:
    if CACHE_URL:  # noqa: F405
        CACHES["default"]["LOCATION"] = urlsplit(CACHE_URL)._replace(  # noqa: F405
            path=f"/{FIRST_WORKER_CACHE_DATABASE + int(XDIST_WORKER.removeprefix('gw'))}",
        ).geturl()
    CELERY_TASK_DEFAULT_QUEUE = f"celery-{XDIST_WORKER}"
