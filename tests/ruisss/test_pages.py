import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_is_in_french_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr-CA">' in html
    assert "Devenir membre" in html
    assert 'href="#contenu"' in html


def test_language_switch_shows_the_home_in_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Become a member" in html
    assert "Devenir membre" not in html


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in response.content.decode()


def test_unknown_address_gets_the_french_404_page(client):
    response = client.get("/nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize("address", ["/rejoindre/", "/projets/", "/formations/"])
def test_stable_public_addresses_answer(client, address):
    assert client.get(address).status_code == 200


def test_health_check_reports_the_database(client, settings):
    response = client.get("/sante/")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert ("broker" in body["checks"]) == bool(settings.CELERY_BROKER_URL)


def test_health_check_reports_an_unreachable_broker(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/sante/")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["broker"] == "error"
