"""Typed readers for the environment, so settings.py states each variable once."""

import os
import sys


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        stop(f"La variable {name} doit être un nombre entier (reçu : {value!r}).")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str, reason: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        stop(f"La variable d'environnement {name} est obligatoire {reason}.")
    return value


def stop(sentence: str):
    # A SystemExit with a message prints that one sentence and no traceback.
    sys.exit(sentence)
