"""Optional wishes a person may tick on the last step of the join form.

An app above this one (peer mentoring: "I would like a mentor") registers a wish with
its label and what to do with the new member; the last step shows one box per wish, and
the member's creation calls the handler of each box ticked, in the same transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Wish:
    code: str
    label: str
    help_text: str
    on_join: Callable  # on_join(member=...)


_wishes: dict[str, Wish] = {}


def register(wish: Wish) -> None:
    _wishes[wish.code] = wish


def wishes() -> list[Wish]:
    return list(_wishes.values())


def field_name(wish: Wish) -> str:
    return f"souhait_{wish.code}"


def granted(member, codes) -> None:
    """Run the handler of each wish ticked (unknown codes are ignored)."""
    for code in codes:
        if code in _wishes:
            _wishes[code].on_join(member=member)
