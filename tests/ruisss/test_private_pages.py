"""No browser or proxy keeps a page or a file that carries someone's personal data."""

import pytest
from django.templatetags.static import static
from django.urls import reverse

from communaute.models import Member
from formation.enums import CompletionStatus
from jumelage.enums import PairingStatus
from tests import factories

pytestmark = pytest.mark.django_db


def assert_private(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives, response["Cache-Control"]


@pytest.fixture
def engaged(patient, team):
    project = factories.ProjectFactory(team=team)
    pairing = factories.PairingFactory(member=patient, project=project,
                                       status=PairingStatus.ACTIVE)
    completion = factories.CompletionFactory(user=patient.user,
                                             status=CompletionStatus.CONFIRMED)
    return {"pairing": pairing.pk, "project": project.pk, "completion": completion.pk,
            "member": patient.pk}


MEMBER_PAGES = [
    ("espace", []), ("profil", []), ("pause", []), ("retrait", []), ("consentements", []),
    ("engagement_confidentialite", []), ("mes_donnees", []), ("mes_donnees_json", []),
    ("supprimer_compte", []), ("jumelage:attestation", []),
    ("jumelage:invitation", ["pairing"]), ("jumelage:observation", ["pairing"]),
    ("jumelage:heures", ["pairing"]), ("attestation", ["completion"]),
    ("mfa_index", []),
]
TEAM_PAGES = [("equipe", []), ("equipe_projet", ["project"]),
              ("equipe_projet_nouveau", [])]
COORDINATOR_PAGES = [("admin:index", []), ("admin:communaute_member_changelist", []),
                     ("admin:communaute_member_change", ["member"]), ("indicateurs", []),
                     ("jumelage:attestation_membre", ["member"])]


@pytest.mark.parametrize("persona, name, args", [
    *[("patient", name, args) for name, args in MEMBER_PAGES],
    *[("team_member", name, args) for name, args in TEAM_PAGES],
    *[("coordinator", name, args) for name, args in COORDINATOR_PAGES],
])
def test_every_personal_page_is_neither_stored_nor_shared(request, client_for, engaged,
                                                          team_member, persona, name, args):
    person = request.getfixturevalue(persona)
    client = client_for(getattr(person, "user", person))
    response = client.get(reverse(name, args=[engaged[arg] for arg in args]))
    assert response.status_code == 200
    assert_private(response)


def test_csv_exports_are_neither_stored_nor_shared(client_for, coordinator, patient):
    client = client_for(coordinator)
    assert_private(client.get("/admin/indicateurs/entonnoir.csv"))
    response = client.post(reverse("admin:communaute_member_changelist"), {
        "action": "export_csv", "_selected_action": [str(m.pk) for m in Member.objects.all()]})
    assert response["Content-Type"].startswith("text/csv")
    assert_private(response)


def test_a_team_invitation_is_private_before_any_login(client, team, team_member):
    invitation = team.invitations.create(email="invitee@exemple.ca", token="jeton",
                                         invited_by=team_member)
    response = client.get(reverse("equipe_invitation", args=[invitation.token]))
    assert "invitee@exemple.ca" in response.content.decode()
    assert_private(response)


def test_a_view_that_sets_its_own_caching_keeps_it_and_static_files_stay_cacheable(client):
    assert client.get("/sante/")["Cache-Control"] == (
        "max-age=0, no-cache, no-store, must-revalidate, private")
    response = client.get(static("css/site.css"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
