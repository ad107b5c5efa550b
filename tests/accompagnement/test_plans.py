"""Engagement plans: versions, the project's step, partners who read, comment and agree."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accompagnement import services
from accompagnement.models import Phase, PlanAgreement, PlanVersion
from communaute.enums import ContinuumStep
from jumelage.engine import project_facts
from jumelage.enums import PairingStatus
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from recrutement.enums import ProjectStatus
from tests import factories
from tests.personas import user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(team):
    return factories.ProjectFactory(team=team, title="Parcours en santé mentale",
                                    continuum_step=ContinuumStep.INFORMATION)


@pytest.fixture
def partner(project, patient):
    factories.PairingFactory(project=project, member=patient, status=PairingStatus.ACTIVE)
    return patient


@pytest.fixture
def other_partner(other_team, caregiver):
    """Engaged in another team's project only."""
    factories.PairingFactory(project=factories.ProjectFactory(team=other_team),
                             member=caregiver, status=PairingStatus.ACCEPTED)
    return caregiver


def _lines(**steps):
    phases = {str(p.position): p for p in Phase.objects.all()}
    return [{"phase": phases[position], "continuum_step": step,
             "partners_role": f"Rôle {position}", "expected_hours": Decimal(3)}
            for position, step in steps.items()]


def test_the_default_phases_are_there_for_coordinators_to_edit():
    assert Phase.objects.filter(active=True).count() == 5


def test_each_save_is_a_version_and_the_project_offers_the_highest_step(project,
                                                                         team_member):
    first = services.plan_save(project=project, by=team_member,
                               lines=_lines(**{"10": 2, "30": 3}))
    project.refresh_from_db()
    assert project.continuum_step == ContinuumStep.COLLABORATION
    assert project_facts(project).continuum_step == ContinuumStep.COLLABORATION
    second = services.plan_save(project=project, by=team_member,
                                lines=_lines(**{"10": 2}), change_note="Moins engageant")
    project.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert project.continuum_step == ContinuumStep.CONSULTATION
    assert list(first.lines.values_list("continuum_step", flat=True)) == [2, 3]


def test_saving_the_same_plan_again_keeps_the_version(project, team_member):
    first = services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    again = services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    assert again.pk == first.pk
    assert PlanVersion.objects.count() == 1


def test_an_empty_plan_or_a_closed_project_is_refused(project, team_member):
    with pytest.raises(ValidationError):
        services.plan_save(project=project, by=team_member, lines=[])
    project.status = ProjectStatus.CLOSED
    project.save()
    with pytest.raises(ValidationError):
        services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))


def test_the_team_cannot_type_another_step_once_planned(client_for, team, team_member):
    project = factories.ProjectFactory(team=team, status=ProjectStatus.DRAFT,
                                       continuum_step=ContinuumStep.INFORMATION)
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 4}))
    from recrutement.forms import ProjectForm
    from recrutement.services import project_update

    form = ProjectForm(instance=project)
    assert form.fields["continuum_step"].disabled
    project_update(project=project, data={"continuum_step": ContinuumStep.INFORMATION})
    project.refresh_from_db()
    assert project.continuum_step == ContinuumStep.PARTNERSHIP


def test_partners_are_told_of_a_new_version_and_the_team_of_their_answers(
        project, partner, team_member):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    assert Notification.objects.filter(email=partner.user.email,
                                       kind=NotificationKind.PLAN_SHARED).count() == 1
    services.plan_comment(project=project, author=partner.user, body="La phase 3?")
    services.plan_agree(project=project, user=partner.user)
    services.plan_agree(project=project, user=partner.user)
    assert PlanAgreement.objects.count() == 1
    assert Notification.objects.filter(email=team_member.email,
                                       kind=NotificationKind.PLAN_ANSWER).count() == 2


def test_only_partners_of_the_project_agree_or_comment(project, partner, other_partner,
                                                       team_member):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    with pytest.raises(ValidationError):
        services.plan_agree(project=project, user=other_partner.user)
    with pytest.raises(ValidationError):
        services.plan_comment(project=project, author=other_partner.user, body="Bonjour")
    with pytest.raises(ValidationError):
        services.plan_agree(project=project, user=team_member)


def test_a_new_version_asks_for_agreement_again(client_for, project, partner, team_member):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    services.plan_agree(project=project, user=partner.user)
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 3}))
    response = client_for(partner.user).get(reverse("accompagnement:plan", args=[project.pk]))
    assert "Je suis d'accord avec ce plan" in response.text
    old = client_for(partner.user).get(reverse("accompagnement:plan", args=[project.pk])
                                       + "?version=1")
    assert "Ancienne version" in old.text


# Pages ------------------------------------------------------------------------------------

ROLES = ["anonymous", "partner", "other_partner", "citizen", "team_member",
         "other_team_member", "coordinator"]
READ = {"anonymous": 302, "partner": 200, "other_partner": 404, "citizen": 404,
        "team_member": 200, "other_team_member": 404, "coordinator": 200}
EDIT = {"anonymous": 302, "partner": 403, "other_partner": 403, "citizen": 403,
        "team_member": 200, "other_team_member": 404, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_a_plan_is_read_by_its_team_its_partners_and_coordinators_only(
        request, client_for, project, partner, other_partner, team_member, role):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    client = client_for(user_of(request, role))
    response = client.get(reverse("accompagnement:plan", args=[project.pk]))
    assert response.status_code == READ[role]
    if READ[role] == 200:
        assert "Rôle 10" in response.text
    edit = client.get(reverse("accompagnement:plan_modifier", args=[project.pk]))
    assert edit.status_code == EDIT[role]
    comment = client.post(reverse("accompagnement:plan_commentaire", args=[project.pk]),
                          {"body": "Un mot"})
    assert comment.status_code == (READ[role] if READ[role] != 200 else 302)


def test_a_partner_sees_in_their_space_only_the_plans_of_their_projects(
        client_for, project, partner, other_partner, team_member, other_team_member):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    other_project = other_partner.pairings.get().project
    services.plan_save(project=other_project, by=other_team_member, lines=_lines(**{"10": 3}))
    mine = client_for(partner.user).get(reverse("espace"))
    assert "Parcours en santé mentale" in mine.text
    assert other_project.title not in mine.text
    theirs = client_for(other_partner.user).get(reverse("espace"))
    assert other_project.title in theirs.text
    assert "Parcours en santé mentale" not in theirs.text


def test_the_team_fills_the_plan_in_a_form_phase_by_phase(client_for, project, team_member):
    phase = Phase.objects.get(position=10)
    url = reverse("accompagnement:plan_modifier", args=[project.pk])
    missing_role = client_for(team_member).post(url, {f"phase-{phase.pk}-continuum_step": "3"})
    assert missing_role.status_code == 200
    assert "Décrivez le rôle des partenaires dans cette phase." in missing_role.text
    response = client_for(team_member).post(url, {
        f"phase-{phase.pk}-continuum_step": "3",
        f"phase-{phase.pk}-partners_role": "Coconstruire la question",
        f"phase-{phase.pk}-expected_hours": "4"})
    assert response.url == reverse("accompagnement:plan", args=[project.pk])
    project.refresh_from_db()
    assert project.continuum_step == ContinuumStep.COLLABORATION


def test_the_public_page_shows_the_summary_and_not_the_roles(client, project, team_member):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2, "50": 3}))
    response = client.get(reverse("projet", args=[project.pk]))
    assert "Engagement des partenaires, phase par phase" in response.text
    assert "Partager les résultats : Collaboration" in response.text
    assert "Rôle 10" not in response.text


def test_the_shared_public_page_follows_the_plan_and_its_phases(client, project,
                                                                 team_member):
    url = reverse("projet", args=[project.pk])
    assert "phase par phase" not in client.get(url).text
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    assert "phase par phase" in client.get(url).text
    phase = Phase.objects.get(position=10)
    phase.name = "Phase renommée"
    phase.save()
    assert "Phase renommée : Consultation" in client.get(url).text
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 3}))
    assert "Phase renommée : Collaboration" in client.get(url).text


def test_the_plan_prints_without_its_forms(client_for, project, team_member):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    response = client_for(team_member).get(reverse("accompagnement:plan", args=[project.pk]))
    assert "accompagnement/plan" in response.text and ".css" in response.text


AGREE = {"anonymous": 302, "partner": 302, "other_partner": 404, "citizen": 404,
         "team_member": 302, "other_team_member": 404, "coordinator": 302}


@pytest.mark.parametrize("role", ROLES)
def test_only_partners_agree_through_the_page(request, client_for, project, partner,
                                              other_partner, team_member, role):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    response = client_for(user_of(request, role)).post(
        reverse("accompagnement:plan_accord", args=[project.pk]))
    assert response.status_code == AGREE[role]
    assert PlanAgreement.objects.exists() == (role == "partner")


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_plan_takes_the_same_queries_for_1_and_5_versions(client_for, project, partner,
                                                               team_member):
    url = reverse("accompagnement:plan", args=[project.pk])
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    services.plan_comment(project=project, author=partner.user, body="Un")
    few = _queries(client_for(partner.user), url)
    for step in (3, 4, 2, 3):
        services.plan_save(project=project, by=team_member,
                           lines=_lines(**{"10": step, "20": 2, "30": 1}))
        services.plan_comment(project=project, author=partner.user, body="Encore")
        services.plan_agree(project=project, user=partner.user)
    assert _queries(client_for(partner.user), url) == few


def test_a_closed_projects_plan_is_read_not_changed(client_for, project, team_member):
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 2}))
    project.status = ProjectStatus.CLOSED
    project.save()
    client = client_for(team_member)
    response = client.get(reverse("accompagnement:plan_modifier", args=[project.pk]))
    assert response.url == reverse("equipe_projet", args=[project.pk])
    page = client.get(reverse("accompagnement:plan", args=[project.pk])).text
    assert "Rôle 10" in page
    assert reverse("accompagnement:plan_modifier", args=[project.pk]) not in page


def test_the_coordinators_admin_keeps_the_planned_step(client_for, project, team_member,
                                                       coordinator):
    url = reverse("admin:recrutement_project_change", args=[project.pk])
    assert "id_continuum_step" in client_for(coordinator).get(url).text
    services.plan_save(project=project, by=team_member, lines=_lines(**{"10": 3}))
    assert "id_continuum_step" not in client_for(coordinator).get(url).text
