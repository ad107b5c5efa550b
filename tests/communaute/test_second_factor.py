import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests import factories
from tests.totp import totp

pytestmark = pytest.mark.django_db


def log_in_with_password(client, user):
    return client.post(reverse("account_login"), {"login": user.email,
                                                  "password": factories.PASSWORD})


def setup_page(client):
    """allauth asks for the password again before a second factor is added."""
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    return client.get(reverse("mfa_activate_totp"))


def test_the_totp_helper_gives_the_codes_of_rfc_6238():
    # RFC 6238, appendix B: the SHA-1 secret "12345678901234567890", 8 digits.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp(secret, at=59, digits=8) == "94287082"
    assert totp(secret, at=1111111109, digits=8) == "07081804"


@pytest.mark.parametrize("address", [
    "/admin/", "/admin/communaute/member/", "/admin/indicateurs/", "/espace/", "/projets/",
])
def test_a_coordinator_without_a_second_factor_is_sent_to_set_one_up(client_for, address):
    coordinator = factories.CoordinatorFactory(second_factor=False)
    response = client_for(coordinator).get(address)
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_the_setup_page_explains_why_and_shows_the_secret(client):
    coordinator = factories.CoordinatorFactory(second_factor=False)
    log_in_with_password(client, coordinator)
    response = client.get("/admin/", follow=True)
    assert "protégés par un second facteur" in response.content.decode()
    response = setup_page(client)
    assert response.context["form"].secret in response.content.decode()


# Transactional: allauth announces the new authenticator once its transaction commits,
# inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_who_sets_up_a_second_factor_then_reaches_the_admin(client):
    coordinator = factories.CoordinatorFactory(second_factor=False)
    log_in_with_password(client, coordinator)
    secret = setup_page(client).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=coordinator,
                                        type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_a_coordinator_logging_in_gives_the_code_before_any_page(client, coordinator):
    response = log_in_with_password(client, coordinator)
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302
    client.post(reverse("mfa_authenticate"), {"code": totp(factories.TOTP_SECRET)})
    assert client.get("/admin/").status_code == 200


def test_a_session_opened_without_the_second_factor_must_give_it(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/communaute/member/")
    assert response.url == (reverse("mfa_reauthenticate")
                            + "?next=%2Fadmin%2Fcommunaute%2Fmember%2F")
    response = client.post(response.url, {"code": totp(factories.TOTP_SECRET)})
    assert response.url == "/admin/communaute/member/"
    assert client.get("/admin/communaute/member/").status_code == 200


def test_allauth_pages_and_the_health_check_stay_open_to_set_it_up(client_for):
    client = client_for(factories.CoordinatorFactory(second_factor=False))
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get("/sante/").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_members_and_teams_are_not_asked_for_a_second_factor(client_for, patient,
                                                             team_member):
    assert client_for(patient.user).get(reverse("espace")).status_code == 200
    assert client_for(team_member).get(reverse("equipe")).status_code == 200


@pytest.mark.parametrize("persona, page", [("patient", "espace"), ("team_member", "equipe")])
def test_members_and_teams_find_the_second_factor_in_their_space(
        request, client_for, persona, page):
    value = request.getfixturevalue(persona)
    html = client_for(getattr(value, "user", value)).get(reverse(page)).content.decode()
    assert f'href="{reverse("mfa_index")}"' in html


def test_a_member_who_turns_it_on_is_asked_for_it_at_the_next_login(client, patient):
    log_in_with_password(client, patient.user)
    secret = setup_page(client).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    client.post(reverse("account_logout"))
    response = log_in_with_password(client, patient.user)
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("espace")).status_code == 302
