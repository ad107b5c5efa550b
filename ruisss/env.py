"""Typed readers for the environment, so settings.py states each variable once, and the
checks that stop the start with one sentence when values do not fit together.

Every variable NAME may instead be given as NAME_FILE, the path of a file holding the
value (Docker secrets), so that secrets need not sit in the environment.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit


def _value(name: str) -> str | None:
    value = os.environ.get(name)
    path = os.environ.get(f"{name}_FILE")
    # An empty NAME defers to the file: compose's ${NAME:-} passes an unset NAME on empty.
    if value or not path:
        return value
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        stop(f"Le fichier « {path} » indiqué par {name}_FILE est introuvable ou illisible.")


def env_str(name: str, default: str = "") -> str:
    value = _value(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _value(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        stop(f"La variable {name} doit être un nombre entier (reçu : {value!r}).")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_required(name: str, reason: str) -> str:
    value = env_str(name)
    if not value:
        stop(f"La variable d'environnement {name} est obligatoire {reason}.")
    return value


def require_served_site_url(site_url: str, allowed_hosts: list[str]) -> None:
    """Stop if SITE_URL is not an http(s) address of a host the site serves.

    An empty ALLOWED_HOSTS is left to Django (it serves no host then, DEBUG aside).
    """
    from django.http.request import split_domain_port, validate_host

    parts = urlsplit(site_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        stop(f"SITE_URL doit être l'adresse du site, comme https://communaute.exemple.ca "
             f"(reçu : {site_url!r}).")
    host, _port = split_domain_port(parts.netloc)
    if allowed_hosts and not validate_host(host, allowed_hosts):
        stop(f"SITE_URL ({site_url}) désigne l'hôte « {host} », que ALLOWED_HOSTS "
             f"({','.join(allowed_hosts)}) ne sert pas : les liens des courriels mèneraient "
             f"à une page d'erreur. Ajoutez cet hôte à ALLOWED_HOSTS ou corrigez SITE_URL.")


def stop(sentence: str):
    # A SystemExit with a message prints that one sentence and no traceback.
    sys.exit(sentence)
