"""Law 25 in the admin: a log of who read or exported a member's data, and the register
of confidentiality incidents. Both for coordinators, the log read only for good."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import AccessAction
from communaute.models import AccessRecord, ConfidentialityIncident
from communaute.services import access_record
from tests import factories

pytestmark = pytest.mark.django_db

MEMBERS = reverse("admin:communaute_member_changelist")
LOG = reverse("admin:communaute_accessrecord_changelist")
REGISTER = reverse("admin:communaute_confidentialityincident_changelist")
NEW_INCIDENT = reverse("admin:communaute_confidentialityincident_add")

PERSONAS = [(None, 302), ("patient", 302), ("team_member", 302), ("outsider", 302),
            ("coordinator", 200)]


def _user(request, persona):
    value = request.getfixturevalue(persona) if persona else None
    return getattr(value, "user", value)


@pytest.mark.parametrize("address", [LOG, REGISTER, NEW_INCIDENT])
@pytest.mark.parametrize("persona, expected", PERSONAS)
def test_the_log_and_the_register_are_for_coordinators(request, client_for, address, persona,
                                                       expected):
    assert client_for(_user(request, persona)).get(address).status_code == expected


def test_opening_a_member_page_is_logged_with_who_what_when(client_for, coordinator,
                                                             patient):
    before = timezone.now()
    client = client_for(coordinator)
    response = client.get(reverse("admin:communaute_member_change", args=[patient.pk]))
    assert response.status_code == 200
    [record] = AccessRecord.objects.all()
    assert (record.by, record.action, record.member) == (coordinator, AccessAction.VIEW,
                                                         patient)
    assert before <= record.at <= timezone.now()
    html = client.get(LOG).content.decode()
    assert "Paule Patiente" in html and "Coralie Coordination" in html
    assert "Consultation de la fiche" in html


def test_a_missing_member_page_logs_nothing(client_for, coordinator):
    client_for(coordinator).get(reverse("admin:communaute_member_change", args=[999999]))
    assert not AccessRecord.objects.exists()


def test_a_csv_export_logs_each_member_exported(client_for, coordinator, patient, caregiver,
                                                 citizen):
    response = client_for(coordinator).post(MEMBERS, {
        "action": "export_csv", "_selected_action": [patient.pk, caregiver.pk]})
    assert response["Content-Type"].startswith("text/csv")
    logged = AccessRecord.objects.filter(action=AccessAction.EXPORT, by=coordinator)
    assert set(logged.values_list("member", flat=True)) == {patient.pk, caregiver.pk}


def test_the_log_cannot_be_written_changed_or_deleted_in_the_admin(client_for, coordinator,
                                                                   patient):
    access_record(by=coordinator, action=AccessAction.VIEW, members=[patient])
    record = AccessRecord.objects.get()
    client = client_for(coordinator)
    change = reverse("admin:communaute_accessrecord_change", args=[record.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"action": AccessAction.EXPORT}).status_code == 403
    assert client.get(reverse("admin:communaute_accessrecord_add")).status_code == 403
    assert client.post(reverse("admin:communaute_accessrecord_delete", args=[record.pk]),
                       {"post": "yes"}).status_code == 403
    client.post(LOG, {"action": "delete_selected", "_selected_action": [record.pk],
                      "post": "yes"})
    record.refresh_from_db()
    assert record.action == AccessAction.VIEW


def test_the_log_page_costs_the_same_queries_for_5_and_50_records(client_for, coordinator):
    client = client_for(coordinator)
    access_record(by=coordinator, action=AccessAction.VIEW,
                  members=factories.MemberFactory.create_batch(5))
    client.get(LOG)
    with CaptureQueriesContext(connection) as small:
        client.get(LOG)
    access_record(by=coordinator, action=AccessAction.EXPORT,
                  members=factories.MemberFactory.create_batch(45))
    with CaptureQueriesContext(connection) as large:
        client.get(LOG)
    assert len(small) == len(large)


def _incident(**changes):
    today = timezone.localdate()
    return {
        "occurred_on": (today - datetime.timedelta(days=3)).isoformat(),
        "occurred_until": "",
        "discovered_on": (today - datetime.timedelta(days=1)).isoformat(),
        "information_concerned": "Noms et courriels de membres",
        "description": "Un export CSV envoyé par erreur à une équipe.",
        "people_count": "12", "serious_harm_risk": "on",
        "risk_assessment": "Aucun renseignement de santé; adresses exposées.",
        "measures": "L'équipe a confirmé la suppression du fichier.",
        "commission_notified_on": "", "persons_notified_on": "", **changes,
    }


def test_a_coordinator_records_an_incident_then_its_notices(client_for, coordinator):
    client = client_for(coordinator)
    assert client.post(NEW_INCIDENT, _incident()).status_code == 302
    incident = ConfidentialityIncident.objects.get()
    assert incident.recorded_by == coordinator and incident.people_count == 12
    assert incident.notices_due
    today = timezone.localdate().isoformat()
    change = reverse("admin:communaute_confidentialityincident_change", args=[incident.pk])
    response = client.post(change, _incident(commission_notified_on=today,
                                             persons_notified_on=today))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert not incident.notices_due and incident.recorded_by == coordinator


@pytest.mark.parametrize("changes, field", [
    ({"occurred_until": "2020-01-01"}, "occurred_until"),
    ({"discovered_on": "2020-01-01"}, "discovered_on"),
    ({"occurred_on": "2999-01-01", "discovered_on": "2999-01-02"}, "occurred_on"),
    ({"commission_notified_on": "2020-01-01"}, "commission_notified_on"),
    ({"people_count": "-3"}, "people_count"),
    ({"occurred_on": "9999-12-31"}, "occurred_on"),
])
def test_an_incident_with_impossible_dates_is_refused_with_a_message(
        client_for, coordinator, changes, field):
    response = client_for(coordinator).post(NEW_INCIDENT, _incident(**changes))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not ConfidentialityIncident.objects.exists()


def test_the_register_is_never_deleted_in_the_admin(client_for, coordinator):
    client = client_for(coordinator)
    client.post(NEW_INCIDENT, _incident())
    incident = ConfidentialityIncident.objects.get()
    delete = reverse("admin:communaute_confidentialityincident_delete", args=[incident.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ConfidentialityIncident.objects.exists()
