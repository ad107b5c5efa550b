import pytest
from django.core import mail
from django.urls import reverse

from communaute.models import User
from messagerie.models import Notification
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_signup_requires_email_verification_sent_through_the_outbox(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), {
            "email": "nouvelle@exemple.ca", "password1": PASSWORD, "password2": PASSWORD,
        })
    assert response.status_code == 302
    assert User.objects.filter(email="nouvelle@exemple.ca").exists()
    notification = Notification.objects.get(email="nouvelle@exemple.ca")
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].body.lower()
    # Not logged in until the address is confirmed.
    assert client.get(reverse("espace")).status_code == 302


def test_login_is_by_email(client, outsider):
    response = client.post(reverse("account_login"),
                           {"login": outsider.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("espace")).status_code == 200


def test_repeated_failed_logins_are_rate_limited(client, outsider):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": outsider.email, "password": "mauvais"})
    response = client.post(reverse("account_login"),
                           {"login": outsider.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert client.get(reverse("espace")).status_code == 302


def test_admin_login_goes_through_the_rate_limited_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_admin_refuses_a_logged_in_non_staff_user(client, outsider):
    client.force_login(outsider)
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_coordinator_reaches_the_admin(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/communaute/member/").status_code == 200


def test_password_reset_page_is_in_french(client):
    response = client.get(reverse("account_reset_password"))
    assert response.status_code == 200
    assert "mot de passe" in response.content.decode().lower()
