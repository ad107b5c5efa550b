"""Searches that ignore accents and case: "aines" finds "aînés", "ECOLE" finds "école".

`field__unaccent__icontains=words` compares both sides without their accents
(the transform is bilateral). PostgreSQL does it with its `unaccent` extension (created
by the migration messagerie 0006); SQLite with the function of the same name that
`install` gives each of its connections. Admin `search_fields` take the same lookup:
`"title__unaccent"`.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, Q, TextField, Transform

# Letters that Unicode does not decompose, spelled out as PostgreSQL's unaccent does.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def strip_accents(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Unaccent(Transform):
    bilateral = True
    lookup_name = "unaccent"
    function = "UNACCENT"


def _sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, strip_accents, deterministic=True)


def install() -> None:
    """Register the lookup and SQLite's function; called once at start-up."""
    CharField.register_lookup(Unaccent)
    TextField.register_lookup(Unaccent)
    connection_created.connect(_sqlite_unaccent, dispatch_uid="sqlite_unaccent")


def matching_words(value: str, *fields: str) -> Q:
    """A condition that holds when each word of `value` appears in one of `fields`,
    accents and case aside."""
    condition = Q()
    for word in value.split():
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__unaccent__icontains": word})
        condition &= either
    return condition
