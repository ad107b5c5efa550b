"""A pairing's life, one service per change, and the e-mails each change sends."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from communaute.enums import ConsentKind
from communaute.models import Member
from communaute.services import consent_record, has_consent
from jumelage import engine, services
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import MatchingConfig, Pairing
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def match_request(team, team_member):
    project = factories.ProjectFactory(team=team, contact_email="contact@equipe.ca")
    return factories.MatchRequestFactory(project=project)


@pytest.fixture
def invited(match_request, patient, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [pairing] = services.pairings_approve(project=match_request.project, members=[patient],
                                              by=coordinator, match_request=match_request)
    mail.outbox.clear()
    return pairing


def test_approving_invites_the_member_once_with_links_and_keeps_the_explanation(
        match_request, patient, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.pairings_approve(project=match_request.project, members=[patient],
                                  by=coordinator, match_request=match_request)
        services.pairings_approve(project=match_request.project, members=[patient],
                                  by=coordinator, match_request=match_request)
    pairing = Pairing.objects.get()
    assert pairing.status == PairingStatus.APPROVED
    assert pairing.engine_version == engine.ENGINE_VERSION
    assert pairing.factors and pairing.inputs["membre"]["pk"] == patient.pk
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [patient.user.email]
    assert f"/invitations/{pairing.pk}/accepter/" in message.body
    assert f"/invitations/{pairing.pk}/decliner/" in message.body
    match_request.refresh_from_db()
    assert match_request.first_proposal_at is not None


def test_the_stored_score_is_the_one_the_coordinator_saw(match_request, patient, coordinator):
    [shown] = engine.rank(match_request.project)
    [pairing] = services.pairings_approve(project=match_request.project, members=[patient],
                                          by=coordinator)
    assert (pairing.score, pairing.factors) == (shown.score, shown.factors)


def test_an_interest_keeps_its_origin_when_approved(match_request, patient, coordinator):
    factories.PairingFactory(project=match_request.project, member=patient,
                             origin=PairingOrigin.INTEREST)
    [pairing] = services.pairings_approve(project=match_request.project, members=[patient],
                                          by=coordinator)
    assert pairing.origin == PairingOrigin.INTEREST
    assert "interet" in [f["code"] for f in pairing.factors]


def test_an_ineligible_member_cannot_be_approved(match_request, patient, coordinator):
    patient.paused_until = timezone.localdate() + timedelta(days=3)
    patient.save()
    with pytest.raises(ValidationError, match="pause"):
        services.pairings_approve(project=match_request.project, members=[patient],
                                  by=coordinator)
    assert not Pairing.objects.exists()


def test_accepting_requires_the_confidentiality_commitment_and_records_it(invited):
    with pytest.raises(ValidationError):
        services.pairing_accept(pairing=invited)
    invited.refresh_from_db()
    assert invited.status == PairingStatus.APPROVED
    services.pairing_accept(pairing=invited, confidentiality=True)
    invited.refresh_from_db()
    assert invited.status == PairingStatus.ACTIVE
    assert has_consent(invited.member, ConsentKind.CONFIDENTIALITY)


def test_the_team_learns_the_name_and_contact_when_a_member_accepts(
        invited, team_member, django_capture_on_commit_callbacks):
    consent_record(member=invited.member, kind=ConsentKind.CONFIDENTIALITY, given=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.pairing_accept(pairing=invited)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(["contact@equipe.ca", team_member.email])
    assert all(invited.member.user.email in m.body for m in mail.outbox)
    assert set(Notification.objects.filter(kind=NotificationKind.TEAM_ANSWER)
               .values_list("email", flat=True)) == set(recipients)


def test_the_team_is_told_of_a_decline_without_the_name(
        invited, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.pairing_decline(pairing=invited, reason="Pas disponible cet automne")
    invited.refresh_from_db()
    assert invited.status == PairingStatus.DECLINED
    assert invited.decline_reason == "Pas disponible cet automne"
    assert mail.outbox
    for message in mail.outbox:
        assert invited.member.user.display_name not in message.body
        assert "automne" not in message.body


def test_an_engagement_ends_with_hours_and_feedback(invited):
    services.pairing_accept(pairing=invited, confidentiality=True)
    services.pairing_end(pairing=invited, hours_given=Decimal("12.5"), feedback="Très bien")
    invited.refresh_from_db()
    assert (invited.status, invited.hours_given) == (PairingStatus.ENDED, Decimal("12.5"))
    with pytest.raises(ValidationError):
        services.pairing_cancel(pairing=invited)


def test_a_declined_invitation_cannot_be_accepted_afterwards(invited):
    services.pairing_decline(pairing=invited)
    with pytest.raises(ValidationError, match="Décliné"):
        services.pairing_accept(pairing=invited, confidentiality=True)


def test_a_reminder_goes_once_after_the_configured_delay(
        invited, django_capture_on_commit_callbacks):
    config = MatchingConfig.load()
    config.reminder_after_days = 3
    config.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_reminders_send(now=timezone.now() + timedelta(days=2)) == 0
        later = timezone.now() + timedelta(days=4)
        assert services.invitation_reminders_send(now=later) == 1
        assert services.invitation_reminders_send(now=later) == 0
    assert [m.to for m in mail.outbox] == [[invited.member.user.email]]


def test_coordinators_get_a_digest_of_new_match_requests(
        match_request, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.match_request_digest_send() == 1
        assert services.match_request_digest_send() == 0
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert match_request.project.title in mail.outbox[0].body


def test_an_observation_reaches_the_coordinators(
        invited, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.observation_send(pairing=invited, message="Je ne parle plus anglais.")
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Je ne parle plus anglais." in mail.outbox[0].body
    assert Notification.objects.get(recipient=coordinator).kind == NotificationKind.OBSERVATION


@pytest.fixture
def two_invitations(patient):
    """Paule wants one project at a time and was invited to two before answering."""
    patient.max_projects = 1
    patient.save()
    consent_record(member=patient, kind=ConsentKind.CONFIDENTIALITY, given=True)
    return factories.PairingFactory.create_batch(2, member=patient,
                                                 status=PairingStatus.APPROVED,
                                                 approved_at=timezone.now())


def test_a_pending_invitation_elsewhere_keeps_a_member_with_one_place_from_being_invited(
        match_request, patient, coordinator):
    patient.max_projects = 1
    patient.save()
    factories.PairingFactory(member=patient, status=PairingStatus.APPROVED,
                             approved_at=timezone.now())
    with pytest.raises(ValidationError, match="nombre maximal de projets à la fois"):
        services.pairings_approve(project=match_request.project, members=[patient],
                                  by=coordinator)
    assert not match_request.project.pairings.exists()


def test_accepting_when_full_is_refused_with_a_clear_message(two_invitations):
    first, second = two_invitations
    services.pairing_accept(pairing=first)
    with pytest.raises(ValidationError) as refused:
        services.pairing_accept(pairing=second)
    assert refused.value.messages == [
        "Vous participez déjà à 1 projet, le maximum que vous vous êtes donné. Pour accepter "
        "cette invitation, terminez d'abord un engagement ou augmentez ce maximum dans votre "
        "profil."]
    second.refresh_from_db()
    assert second.status == PairingStatus.APPROVED


@pytest.mark.django_db(transaction=True)
def test_two_acceptances_at_once_are_counted_one_after_the_other(two_invitations, patient):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database; row locks are PostgreSQL's")
    first, second = two_invitations
    answers = []

    def accept_second():
        try:
            services.pairing_accept(pairing=second)
            answers.append("acceptée")
        except ValidationError as error:
            answers.extend(error.messages)
        finally:
            connections.close_all()

    with transaction.atomic():
        Member.objects.select_for_update().get(pk=patient.pk)
        other = threading.Thread(target=accept_second)
        other.start()
        other.join(0.5)
        assert other.is_alive(), "the second acceptance must wait for the member row"
        services.pairing_accept(pairing=first)
    other.join(10)
    assert len(answers) == 1 and "le maximum que vous vous êtes donné" in answers[0]
    assert sorted(Pairing.objects.values_list("status", flat=True)) == [
        PairingStatus.ACTIVE, PairingStatus.APPROVED]
