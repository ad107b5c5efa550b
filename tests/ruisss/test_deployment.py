"""Deployment: secrets read from files, the image and the compose stack."""

import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import PurePosixPath

import pytest
import yaml

from ruisss.env import env_int, env_required, env_str
from tests.ruisss.test_settings import PRODUCTION_LIKE, ROOT, manage

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


# The image and the compose stack. No Docker engine runs the tests, so they read the files.

def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(keyword, arguments) of each Dockerfile instruction, continuation lines joined."""
    lines = [line for line in dockerfile.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [(keyword.upper(), arguments.strip())
            for keyword, _, arguments in (line.strip().partition(" ")
                                          for line in joined.splitlines() if line.strip())]


DOCKERFILE = _instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def _last(keyword: str) -> str:
    return [arguments for kw, arguments in DOCKERFILE if kw == keyword][-1]


def _owned_by(user: str) -> list[str]:
    """Paths the Dockerfile hands to `user` (chown, COPY --chown, install -o)."""
    paths = []
    for keyword, arguments in DOCKERFILE:
        if keyword not in {"RUN", "COPY", "ADD"}:
            continue
        for command in re.split(r"&&|;", arguments):
            words = shlex.split(command)
            gives = ((keyword != "RUN" and any(w.startswith("--chown=") for w in words))
                     or "chown" in words
                     or ("install" in words and "-o" in words))
            if gives and user in " ".join(words):
                paths += [w for w in words if w.startswith("/") or w in {".", "./"}]
    return paths


def _python_code(test: list[str]) -> str:
    assert test[:3] == ["CMD", "python", "-c"], test
    return test[3]


def test_image_runs_as_a_system_user_other_than_root():
    user = _last("USER").split(":")[0]
    assert user not in {"root", "0"}
    assert any(kw == "RUN" and re.search(rf"useradd --system\b.* {user}\b", arguments)
               for kw, arguments in DOCKERFILE)


def test_the_app_user_owns_no_code_only_its_writable_directory():
    code = _last("WORKDIR")
    owned = _owned_by(_last("USER").split(":")[0])
    assert owned, "the user needs one directory it can write"
    for path in owned:
        assert path.startswith(f"{code}/var/"), path
        assert "staticfiles" not in path


def _image_health_check() -> str:
    command = _last("HEALTHCHECK").partition("CMD ")[2]
    return _python_code(["CMD", *json.loads(command)])


def test_image_health_check_asks_the_health_page_as_the_proxy_would():
    code = _image_health_check()
    compile(code, "HEALTHCHECK", "exec")
    assert "/sante/" in code
    assert "ALLOWED_HOSTS" in code
    assert "'X-Forwarded-Proto': 'https'" in code


def _ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule: the last pattern matching the path or one of its folders wins."""
    ignored = False
    folders = [PurePosixPath(*PurePosixPath(path).parts[:n])
               for n in range(1, len(PurePosixPath(path).parts) + 1)]
    for pattern in patterns:
        negated = pattern.startswith("!")
        if any(folder.full_match(pattern.removeprefix("!").strip("/")) for folder in folders):
            ignored = not negated
    return ignored


DOCKERIGNORE = [line.strip()
                for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("path", [
    ".env", ".env.production", ".git/HEAD", ".venv/bin/python", "tests/ruisss/test_pages.py",
    ".ci/run", "db.sqlite3", "jumelage/ancien.sqlite3", "var/staticfiles/css/site.css",
    "var/courriels/1.log", "ruisss/__pycache__/settings.cpython-313.pyc",
])
def test_secrets_local_state_and_tests_stay_out_of_the_image(path):
    assert _ignored(path, DOCKERIGNORE)


@pytest.mark.parametrize("path", [
    "pyproject.toml", "uv.lock", "manage.py", "ruisss/settings.py", "static/css/site.css",
    "templates/accueil.html", "locale/en/LC_MESSAGES/django.mo",
])
def test_what_the_build_needs_goes_into_the_image(path):
    assert not _ignored(path, DOCKERIGNORE)


def _caddyfile() -> str:
    """The Caddyfile that compose mounts into the proxy."""
    source = next(volume.split(":")[0] for volume in SERVICES["proxy"]["volumes"]
                  if volume.split(":")[1] == "/etc/caddy/Caddyfile")
    return (ROOT / source).read_text(encoding="utf-8")


def test_only_the_proxy_publishes_ports_and_it_serves_web_by_its_service_name():
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"proxy"}
    proxy = SERVICES["proxy"]
    assert proxy["image"] == "caddy:2"
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert "web" in proxy["depends_on"]
    assert SERVICES["web"]["expose"] == ["8000"]
    assert re.search(r"^\s*dynamic a web 8000\b", _caddyfile(), re.MULTILINE)


def test_proxy_domain_turns_on_https_and_falls_back_to_plain_http():
    assert SERVICES["proxy"]["environment"]["SITE_DOMAIN"] == "${SITE_DOMAIN:-:80}"
    assert re.search(r"^\{\$SITE_DOMAIN\} \{$", _caddyfile(), re.MULTILINE)


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_long_running_services_have_a_health_check(name):
    healthcheck = SERVICES[name]["healthcheck"]
    assert not healthcheck.get("disable")
    assert healthcheck["test"][0] in {"CMD", "CMD-SHELL"}


def test_web_health_check_is_the_images():
    assert _python_code(SERVICES["web"]["healthcheck"]["test"]) == _image_health_check()


def test_beat_stays_single():
    assert SERVICES["beat"]["deploy"]["replicas"] == 1


def _beat_schedule() -> str:
    words = shlex.split(SERVICES["beat"]["command"])
    return words[words.index("--schedule") + 1]


def test_beat_and_gunicorn_write_where_the_image_lets_them():
    owned = [path.rstrip("/") for path in _owned_by(_last("USER").split(":")[0])]
    assert str(PurePosixPath(_beat_schedule()).parent) in owned
    runtime = re.search(r"\bXDG_RUNTIME_DIR=(\S+)", _last("ENV"))
    assert runtime and runtime[1] in owned


@pytest.mark.parametrize(("age", "healthy"), [(None, False), (60, True), (20 * 60, False)])
def test_beat_health_check_follows_the_age_of_its_schedule(tmp_path, age, healthy):
    schedule = _beat_schedule()
    code = _python_code(SERVICES["beat"]["healthcheck"]["test"])
    assert schedule in code
    local = tmp_path / "celerybeat-schedule"
    if age is not None:
        # Python 3.13 keeps the schedule in SQLite, whose log file is the one rewritten.
        wal = tmp_path / "celerybeat-schedule-wal"
        for path in (local, wal):
            path.write_bytes(b"")
        os.utime(local, (time.time() - 3600, time.time() - 3600))
        os.utime(wal, (time.time() - age, time.time() - age))
    result = subprocess.run([sys.executable, "-c", code.replace(schedule, str(local))],
                            capture_output=True, text=True, timeout=30)
    assert (result.returncode == 0) is healthy, result.stderr


def test_migrate_is_not_judged_by_the_web_health_check():
    assert SERVICES["migrate"]["healthcheck"] == {"disable": True}


def test_env_example_lists_every_variable_compose_reads():
    compose_text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{(\w+)", compose_text))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^(\w+)=", example, re.MULTILINE))
    assert used == listed


def test_compose_counts_caddy_as_the_one_proxy_in_front_of_web():
    assert COMPOSE["x-app"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    result = manage("shell", "-c", "from django.conf import settings; "
                    "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
                    env={**PRODUCTION_LIKE, "TRUSTED_PROXY_COUNT": "1"})
    assert result.stdout.strip().splitlines()[-1] == "1", result.stderr


def test_image_and_compose_start_gunicorn_with_the_one_configuration_file():
    image = json.loads(_last("CMD"))
    assert shlex.split(SERVICES["web"]["command"]) == image
    assert image[image.index("--config") + 1] == "deploy/gunicorn.conf.py"
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", *image[1:]],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, **PRODUCTION_LIKE})
    assert result.returncode == 0, result.stderr
    assert re.search(r"^bind\s*=\s*\['0\.0\.0\.0:8000'\]", result.stdout, re.MULTILINE)


def test_the_coordinators_pages_have_their_own_web_service_behind_the_proxy():
    from coordination.management.commands.bench_pages import COORDINATION_PREFIX, POOLS

    coordination = SERVICES["coordination"]
    assert coordination["command"] == SERVICES["web"]["command"]
    assert coordination["environment"]["WEB_CONCURRENCY"] == POOLS["coordination"][
        "WEB_CONCURRENCY"]
    assert coordination["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    assert "coordination" in SERVICES["proxy"]["depends_on"]
    caddyfile = _caddyfile()
    route = re.search(r"handle (\S+)\*? \{\s*reverse_proxy \{\s*dynamic a (\w+) 8000", caddyfile)
    assert route and route[1].rstrip("*") == COORDINATION_PREFIX and route[2] == "coordination"
