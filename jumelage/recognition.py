"""Contributions other than engagements in projects, counted in a member's recognition.

An app above this one (peer mentoring) registers a function giving a member's other
contributions; the attestation lists them beside the engagements and adds their hours
to the total.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class Contribution:
    title: str
    context: str
    nature: str
    started_at: datetime | None
    ended_at: datetime | None
    hours: Decimal


_sources: list[Callable] = []


def register(source: Callable) -> None:
    """`source(member)` returns that member's contributions, a list of Contribution."""
    if source not in _sources:
        _sources.append(source)


def contributions_of(member) -> list[Contribution]:
    return [contribution for source in _sources for contribution in source(member)]
