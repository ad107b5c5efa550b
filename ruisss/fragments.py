"""Rendered HTML shared by every visitor, kept in the cache until what it shows changes.

A fragment's key names the versions of the data it shows (`version("catalogue")`); the
signals of the apps that own those data call `bump` on every save or delete, so a page
never shows a fragment older than the last change, and TIMEOUT only bounds the memory.
Only pages with nothing personal in them are cached this way.
"""

import hashlib
import time

from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 600


def _version_key(name: str) -> str:
    return f"fragment-version:{name}"


def bump(name: str, **kwargs) -> None:
    """Receives post_save, post_delete and m2m_changed: what `name` covers has changed."""
    cache.set(_version_key(name), time.time_ns(), None)


def key(name: str, *, versions: tuple[str, ...], parts) -> str:
    """The key of fragment `name` for the visitor's language and `parts` (what it varies
    on), under the current versions of `versions`."""
    found = cache.get_many([_version_key(v) for v in versions])
    stamps = []
    for v in versions:
        stamp = found.get(_version_key(v))
        if stamp is None:
            stamp = time.time_ns()
            cache.add(_version_key(v), stamp, None)
            stamp = cache.get(_version_key(v), stamp)
        stamps.append(stamp)
    digest = hashlib.md5(repr((get_language(), stamps, parts)).encode(),
                         usedforsecurity=False).hexdigest()
    return f"fragment:{name}:{digest}"


def cached(name: str, *, versions: tuple[str, ...], parts, render) -> str:
    """The fragment from the cache, or `render()` stored under its key."""
    fragment_key = key(name, versions=versions, parts=parts)
    html = cache.get(fragment_key)
    if html is None:
        html = render()
        cache.set(fragment_key, html, TIMEOUT)
    return html
