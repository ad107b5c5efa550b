"""The questionnaire at the end of an engagement: sent to both sides, answered apart."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jumelage import services
from jumelage.enums import EvaluationSide, PairingStatus
from jumelage.models import Evaluation
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.personas import user_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "other_team_member",
         "coordinator"]


@pytest.fixture
def ended(team, team_member, patient):
    pairing = factories.PairingFactory(project=factories.ProjectFactory(team=team),
                                       member=patient, status=PairingStatus.ACTIVE)
    return services.pairing_end(pairing=pairing)


def test_ending_an_engagement_sends_the_questionnaire_to_the_member_and_the_team(
        team, team_member, patient, django_capture_on_commit_callbacks, mailoutbox):
    pairing = factories.PairingFactory(project=factories.ProjectFactory(team=team),
                                       member=patient, status=PairingStatus.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        services.pairing_end(pairing=pairing, hours_given=Decimal(3))
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == sorted([patient.user.email, team_member.email, "contact@exemple.ca"])
    member_mail = next(m for m in mailoutbox if m.to == [patient.user.email])
    assert reverse("jumelage:evaluation_membre", args=[pairing.pk]) in member_mail.body
    team_mail = next(m for m in mailoutbox if m.to == [team_member.email])
    assert reverse("jumelage:evaluation_equipe", args=[pairing.pk]) in team_mail.body
    assert set(Evaluation.objects.values_list("side", flat=True)) == set(EvaluationSide.values)
    assert set(Notification.objects.values_list("kind", flat=True)) == {
        NotificationKind.EVALUATION}


def test_the_questionnaire_goes_out_once_per_side(ended):
    sent = Notification.objects.count()
    services._evaluations_send(ended)
    assert Notification.objects.count() == sent


MEMBER_PAGE = {"anonymous": 302, "patient": 200, "caregiver": 404, "team_member": 403,
               "other_team_member": 403, "coordinator": 403}
TEAM_PAGE = {"anonymous": 302, "patient": 403, "caregiver": 403, "team_member": 200,
             "other_team_member": 404, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_member_reaches_the_member_questionnaire(request, client_for, ended, role):
    response = client_for(user_of(request, role)).get(
        reverse("jumelage:evaluation_membre", args=[ended.pk]))
    assert response.status_code == MEMBER_PAGE[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projects_team_reaches_the_team_questionnaire(request, client_for, ended,
                                                               role):
    response = client_for(user_of(request, role)).get(
        reverse("jumelage:evaluation_equipe", args=[ended.pk]))
    assert response.status_code == TEAM_PAGE[role]


def test_an_active_engagement_has_no_questionnaire_yet(client_for, patient):
    active = factories.PairingFactory(member=patient, status=PairingStatus.ACTIVE)
    response = client_for(patient.user).get(
        reverse("jumelage:evaluation_membre", args=[active.pk]))
    assert response.status_code == 404


def test_answers_are_editable_until_sent_then_final(client_for, ended, patient):
    client = client_for(patient.user)
    url = reverse("jumelage:evaluation_membre", args=[ended.pk])
    client.post(url, {"satisfaction": "3", "what_worked": "Premier jet", "brouillon": "1"})
    client.post(url, {"satisfaction": "5", "what_worked": "L'écoute", "effect": "Un guide",
                      "envoyer": "1"})
    answer = Evaluation.objects.get(pairing=ended, side=EvaluationSide.MEMBER)
    assert (answer.satisfaction, answer.what_worked, answer.submitted_by) == (
        5, "L'écoute", patient.user)
    client.post(url, {"satisfaction": "1", "what_worked": "Changé", "envoyer": "1"})
    answer.refresh_from_db()
    assert answer.satisfaction == 5
    with pytest.raises(ValidationError):
        services.evaluation_save(pairing=ended, side=EvaluationSide.MEMBER, by=patient.user,
                                 satisfaction=2, submit=True)


def test_sending_without_a_satisfaction_is_explained_beside_the_field(client_for, ended,
                                                                      patient):
    response = client_for(patient.user).post(
        reverse("jumelage:evaluation_membre", args=[ended.pk]),
        {"what_worked": "Gardé", "envoyer": "1"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "Gardé" in response.text
    assert Evaluation.objects.get(pairing=ended, side=EvaluationSide.MEMBER).submitted_at is None


def test_the_team_never_sees_the_members_answers(client_for, ended, patient, team_member):
    services.evaluation_save(pairing=ended, side=EvaluationSide.MEMBER, by=patient.user,
                             satisfaction=2, what_worked="SECRET-MEMBRE",
                             effect="EFFET-MEMBRE", submit=True)
    client = client_for(team_member)
    for url in (reverse("jumelage:evaluation_equipe", args=[ended.pk]),
                reverse("equipe_projet", args=[ended.project.pk]), reverse("espace")):
        text = client.get(url).text
        assert "SECRET-MEMBRE" not in text
        assert "EFFET-MEMBRE" not in text
    assert client.get(reverse("jumelage:evaluation_membre", args=[ended.pk])).status_code == 403


def test_the_member_never_sees_the_teams_answers(client_for, ended, patient, team_member):
    services.evaluation_save(pairing=ended, side=EvaluationSide.TEAM, by=team_member,
                             satisfaction=1, what_worked="SECRET-EQUIPE", submit=True)
    client = client_for(patient.user)
    for url in (reverse("jumelage:evaluation_membre", args=[ended.pk]), reverse("espace"),
                reverse("mes_donnees"), reverse("jumelage:attestation")):
        assert "SECRET-EQUIPE" not in client.get(url).text
    assert client.get(reverse("jumelage:evaluation_equipe", args=[ended.pk])).status_code == 403


def test_the_member_space_links_to_the_questionnaire_until_it_is_sent(client_for, ended,
                                                                      patient):
    client = client_for(patient.user)
    url = reverse("jumelage:evaluation_membre", args=[ended.pk])
    assert url in client.get(reverse("espace")).text
    client.post(url, {"satisfaction": "4", "envoyer": "1"})
    assert url not in client.get(reverse("espace")).text
