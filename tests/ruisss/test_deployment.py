"""Deployment: secrets read from files (ruisss/env.py)."""

import pytest

from ruisss.env import env_int, env_required, env_str
from tests.ruisss.test_settings import PRODUCTION_LIKE, manage

WITHOUT_SECRET_KEY = {k: v for k, v in PRODUCTION_LIKE.items() if k != "SECRET_KEY"}


def test_secret_key_is_the_stripped_content_of_the_file_named_by_secret_key_file(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("  une-cle-lue-dans-un-secret-docker-4b7e1f\n", encoding="utf-8")
    result = manage("shell", "--no-imports", "-c",
                    "from django.conf import settings; print(settings.SECRET_KEY)",
                    env={**WITHOUT_SECRET_KEY, "SECRET_KEY_FILE": str(secret)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "une-cle-lue-dans-un-secret-docker-4b7e1f"


@pytest.mark.parametrize("unreadable", ["missing", "directory"])
def test_unreadable_secret_file_stops_with_one_sentence_and_no_traceback(tmp_path, unreadable):
    path = tmp_path / "absent" if unreadable == "missing" else tmp_path
    result = manage("check", env={**WITHOUT_SECRET_KEY, "SECRET_KEY_FILE": str(path)})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"Le fichier « {path} » indiqué par SECRET_KEY_FILE est introuvable ou illisible.")


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret"
    path.write_text("from-the-file\n", encoding="utf-8")
    return path


def test_plain_variable_wins_over_its_file(monkeypatch, secret_file):
    monkeypatch.setenv("RUISSS_ESSAI", "from-the-environment")
    monkeypatch.setenv("RUISSS_ESSAI_FILE", str(secret_file))
    assert env_str("RUISSS_ESSAI") == "from-the-environment"


def test_empty_variable_defers_to_its_file(monkeypatch, secret_file):
    monkeypatch.setenv("RUISSS_ESSAI", "")
    monkeypatch.setenv("RUISSS_ESSAI_FILE", str(secret_file))
    assert env_required("RUISSS_ESSAI", "pour cet essai") == "from-the-file"


def test_typed_readers_read_files_too(monkeypatch, tmp_path):
    port = tmp_path / "port"
    port.write_text("2525\n", encoding="utf-8")
    monkeypatch.delenv("RUISSS_ESSAI", raising=False)
    monkeypatch.setenv("RUISSS_ESSAI_FILE", str(port))
    assert env_int("RUISSS_ESSAI", 25) == 2525
