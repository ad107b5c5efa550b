"""Closing the loop: the team tells the members what their contribution changed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jumelage.enums import PairingStatus
from jumelage.services import project_contribution_share
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from recrutement import services
from recrutement.enums import ProjectStatus
from tests import factories
from tests.personas import user_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "other_team_member",
         "coordinator"]


@pytest.fixture
def closed(team, patient, caregiver, citizen):
    project = factories.ProjectFactory(team=team, status=ProjectStatus.PUBLISHED)
    factories.PairingFactory(project=project, member=patient, status=PairingStatus.ENDED)
    factories.PairingFactory(project=project, member=caregiver, status=PairingStatus.ACTIVE)
    factories.PairingFactory(project=project, member=citizen, status=PairingStatus.DECLINED)
    return services.project_close(project=project)


def test_sharing_writes_once_to_each_member_who_took_part(
        closed, patient, caregiver, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        shared = project_contribution_share(project=closed,
                                                     outcome="Le guide a changé.")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([patient.user.email,
                                                         caregiver.user.email])
    assert "Le guide a changé." in mailoutbox[0].body
    assert shared.contribution_shared_at is not None
    project_contribution_share(project=closed, outcome="Le guide a changé, et plus.")
    closed.refresh_from_db()
    assert closed.contribution_shared_at == shared.contribution_shared_at
    assert closed.contribution_outcome == "Le guide a changé, et plus."
    assert Notification.objects.filter(kind=NotificationKind.CONTRIBUTION).count() == 2


@pytest.mark.parametrize("status", [ProjectStatus.PUBLISHED, ProjectStatus.RECRUITING,
                                    ProjectStatus.CANCELLED])
def test_the_outcome_waits_for_the_project_to_be_filled_or_closed(team, status):
    project = factories.ProjectFactory(team=team, status=status)
    with pytest.raises(ValidationError):
        project_contribution_share(project=project, outcome="Trop tôt")
    project.refresh_from_db()
    assert project.contribution_outcome == ""


def test_the_outcome_shows_on_the_members_engagement(client_for, closed, patient, citizen):
    project_contribution_share(project=closed, outcome="Trois recommandations "
                                                               "adoptées.")
    assert "Trois recommandations adoptées." in client_for(patient.user).get(
        reverse("espace")).text
    assert "Trois recommandations adoptées." not in client_for(citizen.user).get(
        reverse("espace")).text


PAGE = {"anonymous": 302, "patient": 403, "caregiver": 403, "team_member": 200,
        "other_team_member": 404, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projects_team_writes_the_outcome(request, client_for, closed, role):
    response = client_for(user_of(request, role)).get(
        reverse("equipe_projet_retombees", args=[closed.pk]))
    assert response.status_code == PAGE[role]


def test_the_team_shares_from_its_project_page(client_for, closed, team_member):
    client = client_for(team_member)
    page = client.get(reverse("equipe_projet", args=[closed.pk])).text
    assert reverse("equipe_projet_retombees", args=[closed.pk]) in page
    response = client.post(reverse("equipe_projet_retombees", args=[closed.pk]),
                           {"outcome": "Notre protocole a changé."})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.contribution_outcome == "Notre protocole a changé."


def test_an_open_project_explains_why_it_cannot_share_yet(client_for, team, team_member):
    project = factories.ProjectFactory(team=team, status=ProjectStatus.PUBLISHED)
    response = client_for(team_member).post(
        reverse("equipe_projet_retombees", args=[project.pk]), {"outcome": "Déjà"})
    assert response.status_code == 200
    assert "comblé ou fermé" in response.text
    assert "Déjà" in response.text
