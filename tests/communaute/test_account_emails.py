"""Account e-mails in the platform's words, with its name and address; the confirmation
link, followed from the browser that signed up, logs the person in."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.test import Client
from django.urls import reverse

from communaute import services
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.communaute.conftest import join_all
from tests.conftest import visitor_request

pytestmark = pytest.mark.django_db

SITE_NAME = "Communauté de pratique des citoyen(ne)s du RUISSS UL"
TEAM_SIGNUP = {
    "display_name": "Nadia Nouvelle", "role_title": "Chercheuse", "email": "nadia@exemple.ca",
    "phone": "", "preferred_language": "fr-ca", "password": "Un-mot-solide-42",
    "team_name": "Équipe Gamma", "team_kind": "recherche",
}


def _confirmation(email):
    return Notification.objects.get(kind=NotificationKind.ACCOUNT, email=email)


def _link(notification):
    return re.search(r"https?://\S+/comptes/confirm-email/\S+/", notification.body_text).group(0)


def test_the_confirmation_email_names_the_site_and_says_courriel(client, join_answers):
    join_all(client, join_answers)
    notification = _confirmation("nouvelle.personne@exemple.ca")
    assert notification.subject == "[Communauté RUISSS UL] Confirmez votre adresse courriel"
    body = notification.body_text
    assert body.startswith("Bonjour Nadia Nouvelle,")
    assert f"sur le site de la {SITE_NAME}" in body
    assert f"L'équipe de la {SITE_NAME}\n{settings.SITE_URL}/" in body
    assert "courriel" in body and "e-mail" not in body.lower()
    assert _link(notification).startswith(settings.SITE_URL + "/comptes/confirm-email/")


def test_the_confirmation_email_is_in_english_for_an_english_speaker(client, join_answers):
    join_answers["compte"]["preferred_language"] = "en"
    join_all(client, join_answers)
    body = _confirmation("nouvelle.personne@exemple.ca").body_text
    assert body.startswith("Hello Nadia Nouvelle,")
    assert "confirm your email address" in body
    assert "Community of Practice" in body and "Communauté" not in body


def test_links_use_the_site_address_whatever_host_the_request_came_through(
        settings, join_answers):
    settings.SITE_URL = "https://communaute.exemple.ca"
    settings.ALLOWED_HOSTS = ["interne.local", "communaute.exemple.ca"]
    join_all(Client(HTTP_HOST="interne.local"), join_answers)
    link = _link(_confirmation("nouvelle.personne@exemple.ca"))
    assert link.startswith("https://communaute.exemple.ca/comptes/confirm-email/")


def test_following_the_link_from_the_same_browser_logs_in_and_opens_the_space(
        client, join_answers):
    join_all(client, join_answers)
    path = urlsplit(_link(_confirmation("nouvelle.personne@exemple.ca"))).path
    page = client.get(path)
    assert "Confirmer l&#x27;adresse courriel" in page.text or \
        "Confirmer l'adresse courriel" in page.text
    response = client.post(path)
    assert response.status_code == 302 and response.url == reverse("espace")
    assert client.get(reverse("espace")).status_code == 200


def test_a_team_that_confirms_its_address_lands_in_its_space(client):
    factories.EstablishmentFactory()
    client.post(reverse("equipe_inscription"), {
        **TEAM_SIGNUP, "establishment": factories.EstablishmentFactory().pk})
    path = urlsplit(_link(_confirmation("nadia@exemple.ca"))).path
    response = client.post(path)
    assert response.url == reverse("equipe")


def test_the_link_from_another_browser_confirms_but_asks_to_log_in(client, join_answers):
    join_all(client, join_answers)
    path = urlsplit(_link(_confirmation("nouvelle.personne@exemple.ca"))).path
    elsewhere = Client()
    response = elsewhere.post(path)
    assert response.url.startswith(reverse("account_login"))
    assert elsewhere.get(reverse("espace")).status_code == 302
    response = elsewhere.post(reverse("account_login"), {
        "login": "nouvelle.personne@exemple.ca", "password": factories.PASSWORD})
    assert response.url == reverse("espace")


def test_a_coordinator_opening_an_account_for_someone_stays_themselves(client_for,
                                                                       coordinator):
    client = client_for(coordinator)
    request = client.get(reverse("espace")).wsgi_request
    services.account_open(request=request, email="par.telephone@exemple.ca", password=None,
                          display_name="Par Téléphone")
    assert "account_login" not in request.session
    assert _confirmation("par.telephone@exemple.ca")


def test_opening_an_account_at_a_known_address_tells_its_owner_from_any_request():
    # A service is given its request: it does not rely on a middleware having run in its
    # thread, as when two submissions of the same form race each other.
    factories.UserFactory(email="deja.la@exemple.ca")
    assert services.account_open(request=visitor_request("/equipes/inscription/"),
                                 email="Deja.La@exemple.ca", password=None,
                                 display_name="Déjà Là") is None
    notification = Notification.objects.get(email="deja.la@exemple.ca")
    assert "Un compte existe déjà à votre adresse" in notification.subject + notification.body_text


@pytest.mark.parametrize(("template", "context", "expected"), [
    ("account/email/password_reset_key", {"password_reset_url": "https://x/y"},
     ["Choisir un nouveau mot de passe", "Pour le choisir, suivez ce lien"]),
    ("account/email/account_already_exists", {},
     ["Un compte existe déjà à votre adresse", "/comptes/password/reset/"]),
    ("account/email/unknown_account", {},
     ["Aucun compte à votre adresse", "/rejoindre/", "/equipes/inscription/"]),
])
def test_other_account_emails_speak_the_platforms_french(rf, template, context, expected):
    request = rf.get("/")
    get_adapter(request).send_mail(template, "quelquun@exemple.ca", context)
    notification = Notification.objects.get(email="quelquun@exemple.ca")
    text = notification.subject + notification.body_text
    assert all(part in text for part in expected)
    assert SITE_NAME in text and "e-mail" not in text.lower()
    assert f"{settings.SITE_URL}/" in text
