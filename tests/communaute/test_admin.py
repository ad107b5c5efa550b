import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import ConsentKind, ConsentMethod, MemberStatus
from communaute.models import Member, Region, RetentionPolicy
from communaute.services import consent_record
from jumelage.scoring import INACTIVE
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.eligibility import personal_exclusions
from tests.personas import user_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:communaute_member_changelist")
ASSISTED = reverse("admin:communaute_member_inscrire")


@pytest.mark.parametrize("address", [CHANGELIST, ASSISTED])
@pytest.mark.parametrize("persona, expected", [
    (None, 302), ("patient", 302), ("caregiver", 302), ("team_member", 302),
    ("other_team_member", 302), ("coordinator", 200),
])
def test_member_admin_pages_are_for_coordinators(request, client_for, address, persona,
                                                 expected):
    assert client_for(user_of(request, persona)).get(address).status_code == expected


def test_members_are_filtered_by_kind_and_domain_bits(client_for, coordinator, patient,
                                                      caregiver):
    caregiver.domains = ["gouvernance"]
    caregiver.save()
    client = client_for(coordinator)
    html = client.get(CHANGELIST, {"kinds": "proche_aidant"}).content.decode()
    assert "Carole Aidante" in html and "Paule Patiente" not in html
    html = client.get(CHANGELIST, {"domains": "recherche"}).content.decode()
    assert "Paule Patiente" in html and "Carole Aidante" not in html


def test_members_are_filtered_by_completed_training_and_searched_by_email(
        client_for, coordinator, patient, caregiver):
    completion = factories.CompletionFactory(user=caregiver.user)
    client = client_for(coordinator)
    html = client.get(CHANGELIST, {"formation": completion.course_id}).content.decode()
    assert "Carole Aidante" in html and "Paule Patiente" not in html
    html = client.get(CHANGELIST, {"q": patient.user.email}).content.decode()
    assert "Paule Patiente" in html and "Carole Aidante" not in html


def test_the_member_list_costs_the_same_queries_for_5_and_50_members(client_for, coordinator):
    client = client_for(coordinator)
    factories.MemberFactory.create_batch(5)
    client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as small:
        client.get(CHANGELIST)
    factories.MemberFactory.create_batch(45)
    with CaptureQueriesContext(connection) as large:
        client.get(CHANGELIST)
    assert len(small) == len(large)


def test_activate_then_refuse_with_a_reason_sent_by_email(
        client_for, coordinator, django_capture_on_commit_callbacks, mailoutbox):
    member = factories.MemberFactory(status=MemberStatus.PENDING, activated_at=None)
    client = client_for(coordinator)
    client.post(CHANGELIST, {"action": "activate", "_selected_action": [member.pk]})
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE and member.activated_at
    response = client.post(CHANGELIST, {"action": "refuse", "_selected_action": [member.pk]})
    assert "Motif" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {"action": "refuse", "_selected_action": [member.pk],
                                 "reason": "Hors du territoire du RUISSS UL."})
    member.refresh_from_db()
    assert member.status == MemberStatus.REFUSED
    notification = Notification.objects.get(kind=NotificationKind.MEMBER_REFUSED)
    assert "Hors du territoire" in notification.body_text
    assert mailoutbox[-1].to == [member.user.email]


def test_pause_action_makes_members_unproposable(client_for, coordinator, patient):
    client_for(coordinator).post(CHANGELIST, {"action": "suspend",
                                              "_selected_action": [patient.pk]})
    assert personal_exclusions(patient) == {INACTIVE}


def test_export_csv_lists_the_chosen_members(client_for, coordinator, patient):
    response = client_for(coordinator).post(CHANGELIST, {"action": "export_csv",
                                                         "_selected_action": [patient.pk]})
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert patient.user.email in body and "Patient(e)" in body


def test_the_member_export_opens_in_a_spreadsheet_without_running_formulas(
        client_for, coordinator, patient):
    patient.user.display_name = '=HYPERLINK("http://exemple.invalid","Cliquez")'
    patient.user.save()
    response = client_for(coordinator).post(CHANGELIST, {"action": "export_csv",
                                                         "_selected_action": [patient.pk]})
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + patient.user.display_name
    assert rows[1][1] == patient.user.email


def test_the_member_page_shows_consents_and_engagements(client_for, coordinator, patient):
    factories.PairingFactory(member=patient, project__title="Projet Lumière")
    consent_record(member=patient, kind=ConsentKind.NEWS, given=True)
    html = client_for(coordinator).get(
        reverse("admin:communaute_member_change", args=[patient.pk])).content.decode()
    assert "Projet Lumière" in html
    assert "Nouvelles et événements" in html


def test_a_coordinator_registers_someone_by_phone_with_how_and_when(
        client_for, coordinator):
    region = Region.objects.get(name="Capitale-Nationale")
    when = timezone.now().replace(microsecond=0) - timezone.timedelta(hours=2)
    data = {
        "p0-email": "appel@exemple.ca", "p0-display_name": "Gérard",
        "p0-legal_name": "Gérard Appel", "p0-preferred_language": "fr-ca",
        "p0-phone": "418 555-0100", "p0-contact_channel": "telephone",
        "p1-kinds": ["citoyen"], "p1-age_range": "75_plus", "p1-region": region.pk,
        "p1-municipality": "Québec", "p1-languages": ["fr"],
        "p3-domains": ["soins_services"], "p3-continuum_max": "2", "p3-modality": "presentiel",
        "p3-hours_per_month": "2", "p3-max_projects": "1",
        "p5-method": ConsentMethod.PHONE,
        "p5-consents_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"),
        "p5-consent_matching": "on",
    }
    response = client_for(coordinator).post(ASSISTED, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    member = Member.objects.get(user__email="appel@exemple.ca")
    assert member.status == MemberStatus.PENDING
    consent = member.consents.get(kind=ConsentKind.MATCHING)
    assert consent.given and consent.method == ConsentMethod.PHONE
    assert consent.recorded_by == coordinator
    assert consent.recorded_at == when.replace(second=0)
    assert not member.user.has_usable_password()


def test_the_retention_policy_is_changed_without_code(client_for, coordinator):
    policy = RetentionPolicy.current()
    response = client_for(coordinator).post(
        reverse("admin:communaute_retentionpolicy_change", args=[policy.pk]),
        {"inactive_months": 18, "reminder_days": 45})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.inactive_months, policy.reminder_days) == (18, 45)
