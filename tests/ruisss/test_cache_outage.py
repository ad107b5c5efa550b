"""Redis down: logging in and signing up still work, limits still count, /sante/ says so."""

import json
import logging

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from communaute.models import User
from ruisss import cache as fallback
from tests import factories
from tests.conftest import in_ci
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

WARNING = "Cache Redis injoignable"


def test_logging_in_works_with_the_cache_down_and_the_log_says_why(
        client, outsider, cache_down, caplog):
    with caplog.at_level(logging.WARNING, logger="ruisss.cache"):
        response = client.post(reverse("account_login"),
                               {"login": outsider.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("espace")).status_code == 200
    assert [r.levelno for r in caplog.records if WARNING in r.getMessage()] == [
        logging.WARNING]


def test_failed_logins_are_still_limited_with_the_cache_down(client, outsider, cache_down):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": outsider.email, "password": "mauvais"})
    client.post(reverse("account_login"), {"login": outsider.email, "password": PASSWORD})
    assert client.get(reverse("espace")).status_code == 302


def test_signing_up_works_with_the_cache_down(client, cache_down):
    response = client.post(reverse("equipe_inscription"), {
        "display_name": "Nadia Nouvelle", "role_title": "Chercheuse",
        "email": "nouvelle@exemple.ca", "phone": "", "preferred_language": "fr-ca",
        "password": PASSWORD, "team_name": "Équipe Gamma", "team_kind": "recherche",
        "establishment": factories.EstablishmentFactory().pk})
    assert "Vérifiez vos courriels" in response.text
    assert User.objects.filter(email="nouvelle@exemple.ca").exists()


def test_health_reports_the_cache_down_as_degraded_not_as_an_outage(client, cache_down):
    response = client.get("/sante/")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == "error"
    assert body["checks"]["database"] == "ok"


def test_the_health_check_reports_a_working_cache(client):
    body = json.loads(client.get("/sante/").content)
    assert body["checks"]["cache"] == "ok"


REDIS_URL = "redis://127.0.0.1:6379/4"


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.mark.skipif(not (_redis_answers() or in_ci()),
                    reason="Redis ne répond pas sur 127.0.0.1:6379")
def test_redis_is_used_again_as_soon_as_the_health_check_reaches_it(monkeypatch):
    monkeypatch.setattr(fallback, "_redis_down_until", {REDIS_URL: float("inf")})
    wrapper = fallback.FallbackRedisCache(REDIS_URL, {})
    direct = RedisCache(REDIS_URL, {})
    wrapper.set("essai-repli", "mémoire")
    assert direct.get("essai-repli") is None
    assert wrapper.redis_reachable()
    wrapper.set("essai-repli", "redis")
    assert direct.get("essai-repli") == "redis"
    direct.delete("essai-repli")

