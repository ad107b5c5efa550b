import pytest
from django.urls import reverse

from communaute import roles
from communaute.adapters import AccountAdapter
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_persona_has_exactly_its_role(patient, team_member, coordinator, outsider):
    assert (roles.is_member(patient.user), roles.is_team_member(patient.user),
            roles.is_coordinator(patient.user)) == (True, False, False)
    assert (roles.is_member(team_member), roles.is_team_member(team_member),
            roles.is_coordinator(team_member)) == (False, True, False)
    assert (roles.is_member(coordinator), roles.is_team_member(coordinator),
            roles.is_coordinator(coordinator)) == (False, False, True)
    assert (roles.is_member(outsider), roles.is_team_member(outsider),
            roles.is_coordinator(outsider)) == (False, False, False)


def test_staff_outside_the_coordination_group_is_not_a_coordinator(outsider):
    outsider.is_staff = True
    outsider.save()
    assert not roles.is_coordinator(outsider)


@pytest.mark.parametrize("persona, expected", [
    (None, 302), ("patient", 200), ("team_member", 200), ("coordinator", 200),
    ("outsider", 200),
])
def test_personal_space_permissions(request, client_for, persona, expected):
    user = None
    if persona:
        value = request.getfixturevalue(persona)
        user = getattr(value, "user", value)
    assert client_for(user).get(reverse("espace")).status_code == expected


# The header leads each role to its space ------------------------------------------------

HEADER_LINKS = {
    "patient": ["Mon espace"],
    "team_member": ["Mon compte", "Mon équipe"],
    "coordinator": ["Mon compte", "Coordination"],
    "outsider": ["Mon compte"],
}
SPACES = {"Mon espace": "espace", "Mon compte": "espace", "Mon équipe": "equipe",
          "Coordination": "admin:index"}


def _header(html):
    return html.split('aria-label="Navigation principale"')[1].split("</nav>")[0]


@pytest.mark.parametrize("persona", list(HEADER_LINKS))
def test_the_header_shows_a_link_to_each_space_of_the_persons_roles(request, client_for,
                                                                    persona):
    value = request.getfixturevalue(persona)
    header = _header(client_for(getattr(value, "user", value)).get("/projets/").text)
    for label, url_name in SPACES.items():
        link = f'<a href="{reverse(url_name)}">{label}</a>'
        assert (link in header) == (label in HEADER_LINKS[persona]), label


def test_a_person_with_several_roles_sees_a_link_for_each(client_for, patient, team,
                                                         coordinator):
    factories.TeamMembershipFactory(team=team, user=coordinator)
    factories.MemberFactory(user=coordinator)
    header = _header(client_for(coordinator).get("/projets/").text)
    assert all(f">{label}</a>" in header for label in ("Mon espace", "Mon équipe",
                                                         "Coordination"))


def test_visitors_see_no_space_in_the_header(client):
    header = _header(client.get("/projets/").text)
    assert "Mon espace" not in header and "Mon équipe" not in header


@pytest.mark.parametrize("persona, landing", [
    ("patient", "/espace/"), ("team_member", "/equipe/"), ("outsider", "/espace/"),
])
def test_after_logging_in_each_person_lands_where_their_work_is(request, client, persona,
                                                                landing):
    value = request.getfixturevalue(persona)
    user = getattr(value, "user", value)
    response = client.post(reverse("account_login"),
                           {"login": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.url == landing


def test_a_link_followed_to_the_login_page_still_leads_back_to_it(client, team_member):
    response = client.post(reverse("account_login") + "?next=/formations/",
                           {"login": team_member.email, "password": factories.PASSWORD})
    assert response.url == "/formations/"


def test_a_coordinator_lands_in_the_coordination_space(rf, coordinator, team):
    factories.TeamMembershipFactory(team=team, user=coordinator)
    request = rf.get("/")
    request.user = coordinator
    assert AccountAdapter(request).get_login_redirect_url(request) == reverse("admin:index")
