"""Rendered HTML and computed figures shared by every visitor, kept in the cache until what
they show changes.

A fragment's key names the versions of the data it shows (`key(..., versions=("catalogue",))`)
and the visitor's language; receivers of the save and delete signals of those data call
`bump`, so a page never shows a fragment older than the last change made through the
models, and the timeouts bound the rest. Nothing made for one person is cached this way.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

TIMEOUT = 600
# How long a request waits for another's computation, and how often it looks.
WAIT = 30.0
POLL = 0.05


def _version_key(name: str) -> str:
    return f"fragment-version:{name}"


def _stamp(name: str) -> None:
    cache.set(_version_key(name), time.time_ns(), None)


def bump(name: str) -> None:
    """What the fragments under version `name` show has changed: now, for the rest of this
    transaction, and again at its commit, so that a fragment another request made from the
    data of before the commit is not reused after it."""
    _stamp(name)
    transaction.on_commit(lambda: _stamp(name))


def key(name: str, *, versions: tuple[str, ...], parts) -> str:
    """The key of fragment `name` for the visitor's language and `parts` (what it varies
    on), under the current versions of `versions`."""
    # A version never bumped (or evicted) reads 0: the fragments cached under it are
    # dropped by TIMEOUT at the latest.
    found = cache.get_many([_version_key(v) for v in versions])
    stamps = [found.get(_version_key(v), 0) for v in versions]
    digest = hashlib.md5(repr((get_language(), stamps, parts)).encode(),
                         usedforsecurity=False).hexdigest()
    return f"fragment:{name}:{digest}"


def cached(name: str, *, versions: tuple[str, ...], parts, render, timeout: int = TIMEOUT):
    """The fragment from the cache, or what `render()` returns (HTML, or HTML with what the
    page shows beside it), stored under its key."""
    fragment_key = key(name, versions=versions, parts=parts)
    fragment = cache.get(fragment_key)
    if fragment is None:
        fragment = render()
        cache.set(fragment_key, fragment, timeout)
    return fragment


def computed_once(cache_key: str, compute, *, timeout: int, wait: float = WAIT):
    """The value under `cache_key`, or `compute()` stored there for `timeout` seconds.

    While one thread of any process computes it, the others asking for it wait for that
    result (up to `wait` seconds) instead of computing it too: twenty coordinators opening
    the dashboard at once cost one computation, not twenty.
    """
    value = cache.get(cache_key)
    if value is not None:
        return value
    lock = f"{cache_key}:en-calcul"
    if cache.add(lock, 1, int(wait)):
        try:
            value = compute()
            cache.set(cache_key, value, timeout)
        finally:
            cache.delete(lock)
        return value
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(POLL)
        value = cache.get(cache_key)
        if value is not None:
            return value
    return compute()
