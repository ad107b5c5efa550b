"""Hours declared by the member, confirmed by the team, compensation and the attestation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jumelage import services
from jumelage.enums import PairingStatus
from jumelage.models import CompensationPayment, HoursDeclaration
from recrutement.enums import Compensation
from tests import factories
from tests.personas import user_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "other_team_member",
         "coordinator"]


@pytest.fixture
def engagement(team, patient):
    project = factories.ProjectFactory(team=team, compensation=Compensation.HOURLY)
    return factories.PairingFactory(project=project, member=patient,
                                    status=PairingStatus.ACTIVE, started_at=timezone.now())


def test_a_member_declares_hours_that_wait_for_the_team(engagement):
    declaration = services.hours_declare(pairing=engagement, hours=Decimal("2.5"),
                                         worked_on=timezone.localdate(), note=" Comité ")
    assert (declaration.hours, declaration.note, declaration.confirmed_at) == (
        Decimal("2.5"), "Comité", None)


@pytest.mark.parametrize("status", [PairingStatus.APPROVED, PairingStatus.ACCEPTED,
                                    PairingStatus.DECLINED, PairingStatus.CANCELLED])
def test_hours_are_declared_only_once_the_work_has_begun(engagement, status):
    engagement.status = status
    engagement.save()
    with pytest.raises(ValidationError):
        services.hours_declare(pairing=engagement, hours=Decimal(2),
                               worked_on=timezone.localdate())
    assert not HoursDeclaration.objects.exists()


def test_hours_in_the_future_are_refused_beside_the_date(engagement):
    with pytest.raises(ValidationError) as error:
        services.hours_declare(pairing=engagement, hours=Decimal(2),
                               worked_on=timezone.localdate() + timedelta(days=2))
    assert "worked_on" in error.value.error_dict


def test_confirming_twice_keeps_the_first_confirmation(engagement, team_member, coordinator):
    declaration = factories.HoursDeclarationFactory(pairing=engagement)
    first = services.hours_confirm(declaration=declaration, by=team_member)
    again = services.hours_confirm(declaration=declaration, by=coordinator)
    assert again.confirmed_by == team_member
    assert again.confirmed_at == first.confirmed_at


def test_compensation_is_recorded_only_when_the_project_offers_it(engagement, coordinator):
    payment = services.compensation_record(pairing=engagement, amount=Decimal("75.00"),
                                           paid_on=timezone.localdate(), by=coordinator)
    assert payment.recorded_by == coordinator
    unpaid = factories.PairingFactory(project=factories.ProjectFactory(),
                                      status=PairingStatus.ACTIVE)
    with pytest.raises(ValidationError):
        services.compensation_record(pairing=unpaid, amount=Decimal(10),
                                     paid_on=timezone.localdate(), by=coordinator)
    assert CompensationPayment.objects.count() == 1


def test_the_admin_refuses_a_payment_for_an_unpaid_project_beside_the_field(
        client_for, coordinator):
    unpaid = factories.PairingFactory(status=PairingStatus.ACTIVE)
    response = client_for(coordinator).post(
        reverse("admin:jumelage_compensationpayment_add"),
        {"pairing": unpaid.pk, "amount": "10", "paid_on": timezone.localdate().isoformat()})
    assert response.status_code == 200
    assert "offre pas de rémunération" in response.text
    assert not CompensationPayment.objects.exists()


def test_a_coordinator_records_a_payment_in_the_admin(client_for, coordinator, engagement):
    response = client_for(coordinator).post(
        reverse("admin:jumelage_compensationpayment_add"),
        {"pairing": engagement.pk, "amount": "60", "paid_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert CompensationPayment.objects.get().recorded_by == coordinator


HOURS_PAGE = {"anonymous": 302, "patient": 200, "caregiver": 404, "team_member": 403,
              "other_team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_engaged_member_reaches_their_hours_page(request, client_for, engagement,
                                                          role):
    response = client_for(user_of(request, role)).get(
        reverse("jumelage:heures", args=[engagement.pk]))
    assert response.status_code == HOURS_PAGE[role]


def test_a_bad_declaration_is_explained_and_what_was_typed_stays(client_for, engagement,
                                                                 patient):
    response = client_for(patient.user).post(
        reverse("jumelage:heures", args=[engagement.pk]),
        {"hours": "0", "worked_on": timezone.localdate().isoformat(), "note": "Lecture"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert 'value="Lecture"' in response.text
    assert not HoursDeclaration.objects.exists()


def test_the_member_declares_from_the_page(client_for, engagement, patient):
    response = client_for(patient.user).post(
        reverse("jumelage:heures", args=[engagement.pk]),
        {"hours": "1.5", "worked_on": timezone.localdate().isoformat(), "note": ""})
    assert response.status_code == 302
    assert HoursDeclaration.objects.get().hours == Decimal("1.5")


CONFIRM = {"anonymous": 302, "patient": 403, "caregiver": 403, "team_member": 302,
           "other_team_member": 404, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projects_team_confirms_hours(request, client_for, engagement, role):
    declaration = factories.HoursDeclarationFactory(pairing=engagement)
    response = client_for(user_of(request, role)).post(
        reverse("jumelage:heures_confirmer", args=[declaration.pk]))
    assert response.status_code == CONFIRM[role]
    declaration.refresh_from_db()
    assert (declaration.confirmed_at is not None) == (role == "team_member")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projects_team_contests_hours(request, client_for, engagement, role):
    declaration = factories.HoursDeclarationFactory(pairing=engagement)
    response = client_for(user_of(request, role)).post(
        reverse("jumelage:heures_contester", args=[declaration.pk]),
        {"reason": "Réunion annulée ce jour-là"})
    assert response.status_code == CONFIRM[role]
    declaration.refresh_from_db()
    assert (declaration.contested_at is not None) == (role == "team_member")


def test_contested_hours_tell_the_member_why_and_stop_waiting_for_the_team(
        client_for, team_member, engagement, patient, django_capture_on_commit_callbacks,
        mailoutbox):
    declaration = factories.HoursDeclarationFactory(pairing=engagement, hours=Decimal(3))
    team_page = reverse("equipe_projet", args=[engagement.project.pk])
    client = client_for(team_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jumelage:heures_contester", args=[declaration.pk]),
                               {"reason": "Réunion annulée ce jour-là"}, follow=True)
    assert "le membre a reçu votre raison" in response.text
    assert ">Confirmer<" not in client.get(team_page).text
    [message] = mailoutbox
    assert message.to == [patient.user.email]
    assert "Réunion annulée ce jour-là" in message.body and "3 heures" in message.body
    hours_page = client_for(patient.user).get(reverse("jumelage:heures", args=[engagement.pk]))
    assert "Contestées par l'équipe : Réunion annulée ce jour-là" in hours_page.text


def test_contesting_without_a_reason_is_refused_with_a_message(client_for, team_member,
                                                               engagement):
    declaration = factories.HoursDeclarationFactory(pairing=engagement)
    response = client_for(team_member).post(
        reverse("jumelage:heures_contester", args=[declaration.pk]), {"reason": "  "},
        follow=True)
    assert "Ce champ est obligatoire." in response.text
    declaration.refresh_from_db()
    assert declaration.contested_at is None


def test_confirmed_hours_cannot_be_contested(engagement, team_member):
    declaration = services.hours_confirm(
        declaration=factories.HoursDeclarationFactory(pairing=engagement), by=team_member)
    with pytest.raises(ValidationError):
        services.hours_contest(declaration=declaration, reason="Trop tard")


def test_a_team_that_changes_its_mind_confirms_contested_hours(engagement, team_member):
    declaration = factories.HoursDeclarationFactory(pairing=engagement)
    services.hours_contest(declaration=declaration, reason="À vérifier")
    declaration = services.hours_confirm(declaration=declaration, by=team_member)
    assert declaration.confirmed_at is not None and declaration.contest_reason == ""


def test_the_team_project_page_lists_hours_to_confirm_with_constant_queries(
        client_for, team_member, engagement):
    client = client_for(team_member)
    url = reverse("equipe_projet", args=[engagement.project.pk])

    def add(count):
        for _ in range(count):
            pairing = factories.PairingFactory(project=engagement.project,
                                               status=PairingStatus.ACTIVE)
            factories.HoursDeclarationFactory(pairing=pairing)

    add(5)
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    add(45)
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url)
    assert response.text.count(">Confirmer<") == 50
    assert len(five) == len(fifty)


ATTESTATION = {"anonymous": 302, "patient": 200, "caregiver": 200, "team_member": 403,
               "other_team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_the_attestation_shows_only_the_readers_own_engagements(request, client_for,
                                                                engagement, role):
    response = client_for(user_of(request, role)).get(reverse("jumelage:attestation"))
    assert response.status_code == ATTESTATION[role]
    if response.status_code == 200:
        assert (engagement.project.title in response.text) == (role == "patient")


COORDINATOR_ATTESTATION = {"anonymous": 302, "patient": 403, "caregiver": 403,
                           "team_member": 403, "other_team_member": 403, "coordinator": 200}


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_open_a_members_attestation(request, client_for, engagement,
                                                     patient, role):
    response = client_for(user_of(request, role)).get(
        reverse("jumelage:attestation_membre", args=[patient.pk]))
    assert response.status_code == COORDINATOR_ATTESTATION[role]


def test_the_attestation_counts_only_confirmed_hours(client_for, engagement, patient):
    factories.HoursDeclarationFactory(pairing=engagement, hours=Decimal("4.5"),
                                      confirmed_at=timezone.now())
    factories.HoursDeclarationFactory(pairing=engagement, hours=Decimal("40"))
    declined = factories.PairingFactory(member=patient, status=PairingStatus.DECLINED)
    response = client_for(patient.user).get(reverse("jumelage:attestation"))
    assert "4,5 h" in response.text
    assert "40 h" not in response.text.split("<tfoot>")[0].split("<tbody>")[1]
    assert "44,5" not in response.text
    assert declined.project.title not in response.text
    assert engagement.project.team.name in response.text


def test_the_member_admin_links_to_the_attestation(client_for, coordinator, patient):
    response = client_for(coordinator).get(
        reverse("admin:communaute_member_change", args=[patient.pk]))
    assert reverse("jumelage:attestation_membre", args=[patient.pk]) in response.text


def test_the_attestation_and_the_hours_page_take_the_same_queries_for_5_and_50_rows(
        client_for, patient, engagement, team_member):
    client = client_for(patient.user)
    pages = [reverse("jumelage:attestation"), reverse("jumelage:heures", args=[engagement.pk])]

    def add(count):
        for _ in range(count):
            pairing = factories.PairingFactory(member=patient, status=PairingStatus.ENDED)
            factories.HoursDeclarationFactory(pairing=pairing, confirmed_at=timezone.now(),
                                              confirmed_by=team_member)
            factories.HoursDeclarationFactory(pairing=engagement, confirmed_at=timezone.now(),
                                              confirmed_by=team_member)

    def queries():
        counts = []
        for page in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            counts.append(len(captured))
        return counts

    add(5)
    queries()
    five = queries()
    add(45)
    assert queries() == five
    assert client.get(pages[0]).text.count("<tr>") == 1 + 51 + 1


# Hours as people type them, and totals beyond the plausible --------------------------

def test_hours_typed_with_a_comma_are_recorded_as_such(client_for, engagement, patient):
    response = client_for(patient.user).post(
        reverse("jumelage:heures", args=[engagement.pk]),
        {"hours": "1,5", "worked_on": timezone.localdate().isoformat(), "note": ""})
    assert response.status_code == 302
    assert HoursDeclaration.objects.get().hours == Decimal("1.5")


def test_the_hours_field_keeps_a_typed_comma(client_for, engagement, patient):
    page = client_for(patient.user).get(reverse("jumelage:heures", args=[engagement.pk])).text
    assert 'inputmode="decimal"' in page and 'type="number"' not in page


def test_a_month_far_beyond_the_projects_hours_needs_the_members_confirmation(engagement):
    engagement.project.hours_per_month = 3
    engagement.project.save()
    today = timezone.localdate()
    services.hours_declare(pairing=engagement, hours=Decimal(5), worked_on=today)
    with pytest.raises(ValidationError) as error:
        services.hours_declare(pairing=engagement, hours=Decimal(5), worked_on=today)
    [message] = error.value.error_dict["confirm_unusual"][0].messages
    assert "10 heures" in message and "3 heures par mois" in message
    declaration = services.hours_declare(pairing=engagement, hours=Decimal(5), worked_on=today,
                                         confirm_unusual=True)
    assert declaration.unusual
    assert HoursDeclaration.objects.filter(unusual=False).count() == 1


def test_contested_hours_do_not_count_in_the_months_total(engagement, team_member):
    engagement.project.hours_per_month = 3
    engagement.project.save()
    services.hours_contest(declaration=factories.HoursDeclarationFactory(
        pairing=engagement, hours=Decimal(9)), reason="Une erreur")
    assert not services.hours_declare(pairing=engagement, hours=Decimal(9),
                                      worked_on=timezone.localdate()).unusual


def test_a_month_above_the_ceiling_needs_confirmation_whatever_the_project(engagement):
    engagement.project.hours_per_month = 40
    engagement.project.save()
    with pytest.raises(ValidationError) as error:
        services.hours_declare(pairing=engagement, hours=Decimal("60.5"),
                               worked_on=timezone.localdate())
    assert "plafond de 60 heures par mois" in str(error.value)
    assert not HoursDeclaration.objects.exists()


def test_unusual_hours_are_confirmed_on_the_page_and_flagged_for_the_team(
        client_for, engagement, patient, team_member):
    url = reverse("jumelage:heures", args=[engagement.pk])
    typed = {"hours": "15", "worked_on": timezone.localdate().isoformat(), "note": "Comité"}
    client = client_for(patient.user)
    response = client.post(url, typed)
    assert response.status_code == 200
    assert "plus de trois fois les 4 heures par mois" in response.text
    assert "Je confirme ce nombre d&#x27;heures" in response.text
    assert 'value="Comité"' in response.text
    assert not HoursDeclaration.objects.exists()
    assert client.post(url, {**typed, "confirm_unusual": "on"}).status_code == 302
    assert HoursDeclaration.objects.get().unusual
    team_page = client_for(team_member).get(reverse("equipe_projet",
                                                    args=[engagement.project.pk]))
    assert "Hors de l'ordinaire" in team_page.text


def test_the_admin_reads_an_amount_typed_with_a_comma(client_for, coordinator, engagement):
    response = client_for(coordinator).post(
        reverse("admin:jumelage_compensationpayment_add"),
        {"pairing": engagement.pk, "amount": "60,50",
         "paid_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert CompensationPayment.objects.get().amount == Decimal("60.50")
