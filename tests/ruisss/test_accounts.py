import pytest
from django.core import mail
from django.urls import reverse

from communaute.models import User
from messagerie.models import Notification
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_generic_sign_up_shows_the_two_doors_and_opens_no_account(client):
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert f'href="{reverse("rejoindre")}"' in page.text
    assert f'href="{reverse("equipe_inscription")}"' in page.text
    response = client.post(reverse("account_signup"), {
        "email": "orpheline@exemple.ca", "password1": PASSWORD, "password2": PASSWORD,
    })
    assert response.status_code == 200 and "Devenir membre" in response.text
    assert not User.objects.filter(email="orpheline@exemple.ca").exists()
    assert not Notification.objects.exists() and not mail.outbox


def test_the_login_page_leads_each_newcomer_to_their_door(client):
    page = client.get(reverse("account_login")).text
    assert f'<a class="bouton" href="{reverse("rejoindre")}">Devenir membre</a>' in page
    assert f'href="{reverse("equipe_inscription")}">Inscrire mon équipe</a>' in page
    assert reverse("account_signup") not in page
    assert reverse("account_reset_password") in page


def test_a_wrong_password_is_told_on_the_login_page(client, outsider):
    response = client.post(reverse("account_login"),
                           {"login": outsider.email, "password": "mauvais"})
    assert "L’adresse courriel ou le mot de passe sont incorrects." in response.text


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
