"""Settings for the test suite: the platform's own, with a fast password hasher.

PBKDF2 is deliberately slow; tests create hundreds of users and never need its strength.
"""

import atexit
import shutil
import tempfile
from pathlib import Path

from ruisss.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded files of the tests go to a folder of their own, never to var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ruisss-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
