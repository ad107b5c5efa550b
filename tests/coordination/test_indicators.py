import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import Domain, EquityAnswer, MemberKind
from jumelage.enums import EvaluationSide, PairingStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona, expected", [
    (None, 302), ("patient", 403), ("team_member", 403), ("outsider", 403),
    ("coordinator", 200),
])
@pytest.mark.parametrize("address", ["/admin/indicateurs/", "/admin/indicateurs/entonnoir.csv"])
def test_only_coordinators_reach_the_dashboard_and_its_exports(
        request, client_for, persona, expected, address):
    user = None
    if persona:
        value = request.getfixturevalue(persona)
        user = getattr(value, "user", value)
    assert client_for(user).get(address).status_code == expected


def make_activity(size):
    for i in range(size):
        member = factories.MemberFactory(
            kinds=[MemberKind.PATIENT, MemberKind.CAREGIVER] if i % 2 else [MemberKind.CITIZEN],
            domains=[Domain.RESEARCH], indigenous=EquityAnswer.YES if i < 6 else "")
        project = factories.ProjectFactory()
        request = factories.MatchRequestFactory(project=project)
        pairing = factories.PairingFactory(
            project=project, member=member, match_request=request,
            status=PairingStatus.ENDED, approved_at=timezone.now(), ended_at=timezone.now())
        factories.HoursDeclarationFactory(pairing=pairing, hours=3,
                                          confirmed_at=timezone.now())
        factories.HoursDeclarationFactory(pairing=pairing, hours=50)
        factories.CompensationPaymentFactory(pairing=pairing, amount=40)
        factories.EvaluationFactory(pairing=pairing, side=EvaluationSide.MEMBER,
                                    satisfaction=4 + i % 2)
        factories.EvaluationFactory(pairing=pairing, side=EvaluationSide.TEAM, satisfaction=3)


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/indicateurs/").status_code == 200
    return len(queries)


def test_the_dashboard_runs_the_same_number_of_queries_whatever_the_data(client_for, coordinator):
    client = client_for(coordinator)
    make_activity(5)
    few = dashboard_queries(client)
    make_activity(45)
    assert dashboard_queries(client) == few


def test_the_shared_figures_follow_each_change_at_once(client_for, coordinator):
    make_activity(2)
    client = client_for(coordinator)
    first = client.get("/admin/indicateurs/")
    assert "Chiffres calculés à" in first.content.decode()
    assert dict(first.context["tables"][0].rows)["Citoyen(ne)"] == 1
    factories.MemberFactory(kinds=[MemberKind.CITIZEN])
    again = client.get("/admin/indicateurs/").context["tables"][0]
    assert dict(again.rows)["Citoyen(ne)"] == 2


def test_members_are_counted_by_each_of_their_kinds(client_for, coordinator):
    make_activity(4)
    client = client_for(coordinator)
    table = {row[0]: row[1] for row in client.get("/admin/indicateurs/").context["tables"][0].rows}
    assert table == {"Citoyen(ne)": 2, "Patient(e)": 2, "Proche aidant(e)": 2}


def test_small_diversity_groups_are_hidden(client_for, coordinator):
    make_activity(7)
    client = client_for(coordinator)
    diversity = client.get("/admin/indicateurs/?").context["tables"][-1]
    rows = dict(diversity.rows)
    assert rows["Personnes autochtones"] == 6
    assert rows["Personnes racisées"] == "moins de 5"


def test_funnel_and_hours_follow_the_pairings(client_for, coordinator):
    make_activity(3)
    member = factories.MemberFactory()
    factories.PairingFactory(member=member, status=PairingStatus.DECLINED,
                             approved_at=timezone.now())
    client = client_for(coordinator)
    response = client.get("/admin/indicateurs/")
    tables = {table.slug: table for table in response.context["tables"]}
    funnel = dict(tables["entonnoir"].rows)
    assert funnel["Proposés"] == 4
    assert funnel["Acceptés"] == 3
    assert funnel["Déclinés"] == 1
    assert "75 %" in tables["entonnoir"].note
    assert sum(row[1] for row in tables["heures"].rows) == 9


def test_compensation_and_evaluations_are_aggregated_within_the_region(client_for, coordinator):
    make_activity(3)
    elsewhere = factories.MemberFactory(region=factories.RegionFactory(name="Côte-Nord",
                                                                       code="09"))
    pairing = factories.PairingFactory(member=elsewhere, status=PairingStatus.ENDED)
    factories.CompensationPaymentFactory(pairing=pairing, amount=1000)
    factories.EvaluationFactory(pairing=pairing, side=EvaluationSide.MEMBER, satisfaction=1)
    client = client_for(coordinator)
    region = factories.RegionFactory().pk
    tables = {table.slug: table for table in
              client.get(f"/admin/indicateurs/?region={region}").context["tables"]}
    assert [row[1:] for row in tables["remuneration"].rows] == [(120.0, 3)]
    assert tables["evaluations"].rows == [("Membre", 3, 4.3), ("Équipe", 3, 3.0)]
    everywhere = {table.slug: table for table in
                  client.get("/admin/indicateurs/").context["tables"]}
    assert everywhere["evaluations"].rows[0] == ("Membre", 4, 3.5)


def test_a_period_before_any_activity_shows_nothing(client_for, coordinator):
    make_activity(2)
    client = client_for(coordinator)
    start = (timezone.localdate() - timedelta(days=400)).isoformat()
    end = (timezone.localdate() - timedelta(days=300)).isoformat()
    response = client.get(f"/admin/indicateurs/?start={start}&end={end}")
    tables = {table.slug: table for table in response.context["tables"]}
    assert dict(tables["entonnoir"].rows)["Proposés"] == 0
    assert tables["nouveaux-membres"].rows == []


def test_an_inverted_period_is_explained_not_an_error(client_for, coordinator):
    client = client_for(coordinator)
    response = client.get("/admin/indicateurs/?start=2026-05-01&end=2026-01-01")
    assert response.status_code == 200
    assert "La fin de la période doit suivre son début." in response.content.decode()


def test_a_table_exports_as_csv_with_the_same_filters(client_for, coordinator):
    make_activity(3)
    client = client_for(coordinator)
    response = client.get(reverse("indicateurs_csv", args=["entonnoir"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Étape", "Jumelages"]
    assert ["Terminés", "3"] in rows


def test_an_unknown_table_is_not_found(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/admin/indicateurs/inconnu.csv").status_code == 404
