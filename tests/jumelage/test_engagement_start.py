"""Engagements start without a hidden step: at acceptance, or on the project's start date."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communaute.enums import ConsentKind
from communaute.services import consent_record
from jumelage import services, tasks
from jumelage.enums import PairingStatus
from jumelage.models import HoursDeclaration, Pairing
from tests import factories
from tests.personas import user_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def invitation(team, team_member, patient):
    consent_record(member=patient, kind=ConsentKind.CONFIDENTIALITY, given=True)
    return factories.PairingFactory(project=factories.ProjectFactory(team=team),
                                    member=patient, status=PairingStatus.APPROVED,
                                    approved_at=timezone.now())


def _starting(pairing, day):
    pairing.project.starts_on = day
    pairing.project.save()
    return pairing


@pytest.mark.parametrize("starts_on", [None, TODAY, TODAY - timedelta(days=30)])
def test_accepting_starts_the_engagement_at_once_and_hours_can_be_declared(invitation,
                                                                           starts_on):
    pairing = services.pairing_accept(pairing=_starting(invitation, starts_on))
    assert pairing.status == PairingStatus.ACTIVE and pairing.started_at is not None
    services.hours_declare(pairing=pairing, hours=Decimal(2), worked_on=TODAY)
    assert HoursDeclaration.objects.filter(pairing=pairing).exists()


def test_an_engagement_waits_for_a_later_project_start_then_starts_by_itself(invitation):
    start = TODAY + timedelta(days=10)
    pairing = services.pairing_accept(pairing=_starting(invitation, start))
    assert (pairing.status, pairing.started_at) == (PairingStatus.ACCEPTED, None)
    with pytest.raises(ValidationError):
        services.hours_declare(pairing=pairing, hours=Decimal(2), worked_on=TODAY)
    assert services.engagements_start_due(today=start - timedelta(days=1)) == 0
    assert services.engagements_start_due(today=start) == 1
    assert services.engagements_start_due(today=start) == 0
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.ACTIVE and pairing.started_at is not None


def test_the_scheduled_task_starts_what_is_due_and_nothing_else(invitation, patient):
    services.pairing_accept(pairing=_starting(invitation, TODAY + timedelta(days=10)))
    due = factories.PairingFactory(member=patient, status=PairingStatus.ACCEPTED,
                                   project=factories.ProjectFactory(starts_on=TODAY))
    assert tasks.start_due_engagements.delay().get() == 1
    assert Pairing.objects.get(pk=due.pk).status == PairingStatus.ACTIVE
    assert Pairing.objects.get(pk=invitation.pk).status == PairingStatus.ACCEPTED


def test_a_coordinator_pauses_resumes_and_ends_an_engagement(invitation):
    pairing = services.pairing_accept(pairing=invitation)
    pairing = services.pairing_pause(pairing=pairing)
    assert pairing.status == PairingStatus.PAUSED
    # The hours given before the pause are still declared.
    services.hours_declare(pairing=pairing, hours=Decimal(1), worked_on=TODAY)
    with pytest.raises(ValidationError):
        services.pairing_pause(pairing=pairing)
    assert services.pairing_resume(pairing=pairing).status == PairingStatus.ACTIVE
    services.pairing_pause(pairing=pairing)
    assert services.pairing_end(pairing=pairing).status == PairingStatus.ENDED


def test_a_paused_engagement_still_takes_a_place_among_the_members_projects(invitation,
                                                                           patient):
    patient.max_projects = 1
    patient.save()
    services.pairing_pause(pairing=services.pairing_accept(pairing=invitation))
    other = factories.PairingFactory(member=patient, status=PairingStatus.APPROVED)
    with pytest.raises(ValidationError, match="maximum"):
        services.pairing_accept(pairing=other)


def _action(client, action, pairings):
    return client.post(reverse("admin:jumelage_pairing_changelist"), {
        "action": action, ACTION_CHECKBOX_NAME: [p.pk for p in pairings]}, follow=True)


def test_the_admin_pauses_and_resumes_through_the_services(client_for, coordinator,
                                                           invitation):
    pairing = services.pairing_accept(pairing=invitation)
    waiting = factories.PairingFactory(status=PairingStatus.ACCEPTED)
    client = client_for(coordinator)
    response = _action(client, "pause", [pairing, waiting])
    assert "Engagements mis en pause : 1." in response.text
    assert "« Accepté » : cette action n&#x27;est plus possible" in response.text
    assert Pairing.objects.get(pk=pairing.pk).status == PairingStatus.PAUSED
    _action(client, "resume", [pairing])
    assert Pairing.objects.get(pk=pairing.pk).status == PairingStatus.ACTIVE
    _action(client, "activate", [waiting])
    assert Pairing.objects.get(pk=waiting.pk).status == PairingStatus.ACTIVE


@pytest.mark.parametrize("role", ["anonymous", "patient", "team_member"])
def test_only_coordinators_pause_an_engagement(request, client_for, invitation, role):
    pairing = services.pairing_accept(pairing=invitation)
    _action(client_for(user_of(request, role)), "pause", [pairing])
    assert Pairing.objects.get(pk=pairing.pk).status == PairingStatus.ACTIVE


def test_the_members_space_says_what_happens_next_and_when(client_for, invitation,
                                                           patient):
    start = TODAY + timedelta(days=10)
    services.pairing_accept(pairing=_starting(invitation, start))
    client = client_for(patient.user)
    page = client.get(reverse("espace")).text
    assert "Votre engagement commence le" in page
    assert reverse("jumelage:heures", args=[invitation.pk]) not in page
    services.engagements_start_due(today=start)
    page = client.get(reverse("espace")).text
    assert "Engagement en cours depuis le" in page
    assert reverse("jumelage:heures", args=[invitation.pk]) in page


def test_accepting_on_the_page_leads_straight_to_declaring_hours(client_for, invitation,
                                                                  patient):
    client = client_for(patient.user)
    response = client.post(reverse("jumelage:accepter", args=[invitation.pk]), follow=True)
    assert "Engagement en cours depuis le" in response.text
    assert reverse("jumelage:heures", args=[invitation.pk]) in response.text
