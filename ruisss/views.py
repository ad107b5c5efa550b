from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

from ruisss.cache import cache_reachable


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok(url: str) -> bool:
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def _word(ok: bool) -> str:
    return "ok" if ok else "error"


@never_cache
def health(request):
    """The database and the broker are essential: without one of them, 503. Without the
    cache the site still works (ruisss/cache.py), so it is reported as degraded, 200."""
    checks = {"database": _word(_database_ok())}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _word(_broker_ok(settings.CELERY_BROKER_URL))
    essential_ok = all(value == "ok" for value in checks.values())
    checks["cache"] = _word(cache_reachable())
    status = ("error" if not essential_ok
              else "degraded" if checks["cache"] == "error" else "ok")
    return JsonResponse({"status": status, "checks": checks},
                        status=200 if essential_ok else 503)
