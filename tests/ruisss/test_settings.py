import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The checks open a database: a file of their own, as a fresh clone has no var/ folder.
CHECK_DIR = Path(tempfile.mkdtemp(prefix="ruisss-check-"))
atexit.register(shutil.rmtree, CHECK_DIR, ignore_errors=True)

PRODUCTION_LIKE = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-9f8e7d6c5b4a3210fedcba9876543210",
    "ALLOWED_HOSTS": "communaute.example",
    "SITE_URL": "https://communaute.example",
    "DATABASE_URL": "sqlite:///" + str(CHECK_DIR / "check.sqlite3"),
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.communaute.example",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_missing_secret_key_stops_with_one_sentence_and_no_traceback():
    result = manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "La variable d'environnement SECRET_KEY est obligatoire quand DEBUG est désactivé.")


def test_malformed_integer_variable_is_named():
    result = manage("check", env={**PRODUCTION_LIKE, "EMAIL_PORT": "vingt-cinq"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "EMAIL_PORT" in result.stderr


def test_deploy_checks_pass_with_production_like_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_LIKE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_site_url_whose_host_the_site_does_not_serve_stops_the_start():
    result = manage("check", env={**PRODUCTION_LIKE, "SITE_URL": "https://ailleurs.example"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "SITE_URL (https://ailleurs.example) désigne l'hôte « ailleurs.example », que "
        "ALLOWED_HOSTS (communaute.example) ne sert pas : les liens des courriels mèneraient "
        "à une page d'erreur. Ajoutez cet hôte à ALLOWED_HOSTS ou corrigez SITE_URL.")


@pytest.mark.parametrize(("site_url", "allowed"), [
    ("https://communaute.example", "communaute.example"),
    ("https://www.communaute.example", ".communaute.example"),
    ("http://127.0.0.1:8101", "127.0.0.1,localhost"),
])
def test_a_site_url_on_a_served_host_starts(site_url, allowed):
    result = manage("check", env={**PRODUCTION_LIKE, "SITE_URL": site_url,
                                  "ALLOWED_HOSTS": allowed})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("site_url", ["communaute.example", "ftp://communaute.example"])
def test_a_site_url_that_is_no_web_address_is_named(site_url):
    result = manage("check", env={**PRODUCTION_LIKE, "SITE_URL": site_url})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.startswith("SITE_URL doit être l'adresse du site")


def test_make_run_links_its_emails_to_the_port_it_serves():
    commands = subprocess.run(["make", "-s", "-n", "run", "PORT=8101"], cwd=ROOT,
                              capture_output=True, text=True, timeout=60,
                              env={k: v for k, v in os.environ.items()
                                   if k not in {"SITE_URL", "ALLOWED_HOSTS"}}).stdout
    [runserver] = [line for line in commands.splitlines() if "runserver" in line]
    assert runserver.endswith("runserver 127.0.0.1:8101")
    variables = dict(word.split("=", 1) for word in runserver.split() if "=" in word)
    assert variables["SITE_URL"] == "http://127.0.0.1:8101"
    result = manage("shell", "-c", "from messagerie.adapters import site_identity; "
                    "print(site_identity().url)", env=variables)
    assert result.stdout.splitlines()[-1] == "http://127.0.0.1:8101", result.stderr
