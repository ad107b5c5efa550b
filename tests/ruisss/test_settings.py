import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_LIKE = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-9f8e7d6c5b4a3210fedcba9876543210",
    "ALLOWED_HOSTS": "communaute.example",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "check.sqlite3"),
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
