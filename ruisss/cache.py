"""The cache: Redis, or this process's memory while Redis cannot be reached.

The cache holds short-lived values (rate-limit counters, the TOTP codes already used)
whose loss only loosens a limit for a while. Failing every login and sign-up because
Redis is down would be worse: a call that fails switches the process to a local memory
cache for RETRY_AFTER seconds, with one warning, then Redis is tried again. Counted
locally, a limit holds per process, so during an outage it is as many times looser as
there are web processes.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 30.0
UNREACHABLE = (RedisError, OSError)

# Django builds one backend per thread; the outage is the process's, so its end time is
# kept per location here, and the memory cache (LocMemCache) is shared by name already.
_redis_down_until: dict[str, float] = {}


class FallbackRedisCache(BaseCache):
    def __init__(self, location: str, params: dict):
        super().__init__(params)
        self._location = location
        self._redis = RedisCache(location, params)
        local_params = {key: value for key, value in params.items() if key != "OPTIONS"}
        self._local = LocMemCache(f"repli-{location}", local_params)

    def _call(self, method: str, *args, **kwargs):
        if time.monotonic() >= _redis_down_until.get(self._location, 0.0):
            try:
                return getattr(self._redis, method)(*args, **kwargs)
            except UNREACHABLE as error:
                _redis_down_until[self._location] = time.monotonic() + RETRY_AFTER
                logger.warning("Cache Redis injoignable (%s) : limites de débit comptées "
                               "dans la mémoire de ce processus pendant %s s.",
                               error, int(RETRY_AFTER))
        return getattr(self._local, method)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        self._local.clear()
        return self._call("clear")

    def close(self, **kwargs):
        self._redis.close(**kwargs)

    def redis_reachable(self) -> bool:
        """Ask Redis itself, whatever the last failure; a success ends the outage."""
        try:
            self._redis.set("sante", "ok", 10)
            reachable = self._redis.get("sante") == "ok"
        except UNREACHABLE:
            return False
        _redis_down_until.pop(self._location, None)
        return reachable


def cache_reachable() -> bool:
    """Whether the shared cache answers: Redis itself when the fallback is in front."""
    backend = caches["default"]
    if isinstance(backend, FallbackRedisCache):
        return backend.redis_reachable()
    try:
        backend.set("sante", "ok", 10)
        return backend.get("sante") == "ok"
    except Exception:
        return False
