"""Dates out of range are a form error beside the field, never a 500."""

import pytest
from django.contrib import admin
from django.urls import reverse

from communaute.signals import platform_app_labels
from jumelage.enums import PairingStatus
from jumelage.models import HoursDeclaration
from recrutement.enums import ProjectStatus
from recrutement.models import MatchRequest
from ruisss.dates import PlausibleDatesAdmin
from tests import factories

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Entrez une date entre le 1 janvier 1900 et le 31 décembre 2100."


@pytest.mark.parametrize("query", ["end=9999-12-31", "start=9999-12-30&end=9999-12-31",
                                   "start=0001-01-01"])
def test_the_dashboard_explains_a_date_out_of_range(client_for, coordinator, query):
    client = client_for(coordinator)
    response = client.get(f"/admin/indicateurs/?{query}")
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert client.get(f"/admin/indicateurs/entonnoir.csv?{query}").status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_hours_on_a_date_out_of_range_are_refused_beside_the_field(client_for, patient, day):
    pairing = factories.PairingFactory(member=patient, status=PairingStatus.ACTIVE)
    response = client_for(patient.user).post(
        reverse("jumelage:heures", args=[pairing.pk]),
        {"hours": "2", "worked_on": day, "note": ""})
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not HoursDeclaration.objects.exists()


def test_a_match_request_for_year_9999_is_refused_beside_the_field(client_for, team_member,
                                                                   team):
    project = factories.ProjectFactory(team=team, status=ProjectStatus.PUBLISHED)
    response = client_for(team_member).post(
        reverse("equipe_projet_demande", args=[project.pk]),
        {"people_count": "1", "needed_by": "9999-12-31", "note": ""})
    assert OUT_OF_RANGE in response.content.decode()
    assert not MatchRequest.objects.exists()


def test_a_session_on_the_last_day_python_knows_is_refused_in_the_admin(client_for,
                                                                        coordinator):
    session = factories.SessionFactory()
    starts_at = session.starts_at
    client = client_for(coordinator)
    url = reverse("admin:formation_session_change", args=[session.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"starts_at_0": "9999-12-31", "starts_at_1": "23:30",
                 "ends_at_0": "9999-12-31", "ends_at_1": "23:59",
                 "registration_deadline_0": "2030-01-01", "registration_deadline_1": "12:00",
                 "capacity": "10"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    session.refresh_from_db()
    assert session.starts_at == starts_at
    assert client.get(reverse("admin:formation_session_changelist")).status_code == 200


def _platform_admins():
    platform = set(platform_app_labels())
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in platform:
            yield model_admin
            yield from (inline(model, admin.site) for inline in model_admin.inlines)


def test_every_admin_form_of_the_platform_bounds_its_dates():
    missing = [type(a).__name__ for a in _platform_admins()
               if not isinstance(a, PlausibleDatesAdmin)]
    assert missing == []
