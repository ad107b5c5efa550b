"""What the platform holds about one person: for access, portability and erasure.

Every app declares the records it keeps about a person with `register`, from its
AppConfig.ready(): how to find them for the export, and what to erase from them when the
account is deleted. This app knows only its own records; the apps above it add theirs,
so the export and the erasure cover every app without this one importing any of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

# Fields never shown back, even to their owner: a password hash or the secret of a
# second factor is not information about the person and would only help an attacker
# who obtained the file.
WITHHELD_FIELDS = {"communaute.user.password", "mfa.authenticator.data"}


@dataclass(frozen=True)
class Records:
    """One kind of record about a person.

    `of_user` returns the rows to export. `erase`, when given, runs when the account is
    deleted, before the account itself is anonymised: it deletes the rows or blanks what
    in them would say who the person was, keeping what the indicators count. `single`
    marks a kind with at most one row (the account, the member profile). `engaged`, when
    given, is a condition on members under which they take part in something that goes
    on, so they are never archived for inactivity.
    """

    key: str
    title: str
    model: type[models.Model]
    of_user: Callable
    erase: Callable | None = None
    single: bool = False
    engaged: models.Q | None = None


_registry: dict[str, Records] = {}


def register(*records: Records) -> None:
    for entry in records:
        _registry[entry.key] = entry


def sections() -> list[Records]:
    return list(_registry.values())


def _value(obj, field):
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    value = field.value_from_object(obj)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, dict, int, float, bool, str)) or value is None:
        return value
    return str(value)


def model_row(obj) -> dict:
    """Every field of `obj`, walked through its model's _meta so none is forgotten."""
    row = {}
    for field in obj._meta.concrete_fields:
        if f"{obj._meta.label_lower}.{field.name}" not in WITHHELD_FIELDS:
            row[field.name] = _value(obj, field)
    for field in obj._meta.many_to_many:
        row[field.name] = [str(related) for related in getattr(obj, field.name).all()]
    return row


def personal_data(user) -> dict:
    """Everything the platform holds about `user`, by kind of record."""
    data = {}
    for entry in sections():
        rows = [model_row(obj) for obj in entry.of_user(user)]
        data[entry.key] = (rows[0] if rows else None) if entry.single else rows
    return data


def field_labels(model) -> dict[str, str]:
    return {f.name: str(getattr(f, "verbose_name", f.name)) for f in model._meta.get_fields()
            if hasattr(f, "verbose_name")}


def personal_data_sections(data: dict) -> list[dict]:
    """The same data, labelled for the readable page."""
    result = []
    for entry in sections():
        rows = data[entry.key]
        rows = [rows] if isinstance(rows, dict) else (rows or [])
        labels = field_labels(entry.model)
        result.append({
            "key": entry.key, "title": str(entry.title),
            "rows": [[(labels.get(name, name), value) for name, value in row.items()]
                     for row in rows],
        })
    return result


def engaged_members() -> models.Q:
    """Members taking part in something that goes on, in any app."""
    condition = models.Q(pk__in=[])
    for entry in sections():
        if entry.engaged is not None:
            condition |= entry.engaged
    return condition


def erase_everywhere(user) -> dict[str, int]:
    """Erase what each app holds about `user`; return how many rows each kind had."""
    counts = {}
    for entry in sections():
        if not entry.single:
            counts[entry.key] = entry.of_user(user).count()
        if entry.erase is not None:
            entry.erase(user)
    return counts
