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


def test_support_plans_and_mentoring_are_counted(client_for, coordinator, team, team_member,
                                                 patient, caregiver):
    from accompagnement import services as support
    from accompagnement.models import Phase
    from mentorat import services as mentoring

    request = support.support_request_create(team=team, created_by=team_member,
                                             kind="methodologie", needs="Sondage")
    support.support_meeting_record(request=request, held_on=timezone.localdate(),
                                   minutes=90, coordinator=coordinator)
    support.support_close(request=request, outcome="Fait", by=coordinator)
    factories.SupportRequestFactory(team=team, kind="information")
    project = factories.ProjectFactory(team=team)
    factories.PairingFactory(project=project, member=patient, status=PairingStatus.ACTIVE)
    line = {"phase": Phase.objects.first(), "continuum_step": 2, "partners_role": "Avis",
            "expected_hours": 2}
    support.plan_save(project=project, lines=[line], by=team_member)
    support.plan_agree(project=project, user=patient.user)
    factories.MentorOfferFactory(member=caregiver)
    ask = mentoring.mentoring_request_create(member=factories.MemberFactory())
    pair = mentoring.mentoring_pair(request=ask, mentor=caregiver, by=coordinator)
    mentoring.mentoring_accept(mentoring=pair, member=caregiver)
    mentoring.mentoring_accept(mentoring=pair, member=ask.member)

    tables = {t.slug: t for t in client_for(coordinator).get(
        "/admin/indicateurs/").context["tables"]}
    by_kind = {row[0]: row[1:] for row in tables["soutien"].rows}
    assert by_kind["Soutien méthodologique (groupe de discussion, sondage)"][:2] == (1, 1)
    assert by_kind["Information"][:2] == (1, 0)
    assert tables["soutien-temps"].rows == [("Coralie Coordination", 1.5, 1, 1)]
    assert dict(tables["plans"].rows)["Plans remplis ou mis à jour"] == 1
    assert list(dict(tables["plans"].rows).values())[1] == 1
    assert dict(tables["mentorat"].rows)["Mentorats actifs aujourd'hui"] == 1
    response = client_for(coordinator).get("/admin/indicateurs/mentorat.csv")
    assert "Mentorats actifs aujourd'hui,1" in response.content.decode("utf-8-sig")


def test_activities_resources_and_stories_are_counted_and_exported(client_for, coordinator):
    capitale = factories.RegionFactory()
    held = timezone.now() - timedelta(days=10)
    gathering = factories.ActivityFactory(
        format="presentiel", region=capitale, place="Québec", starts_at=held,
        registration_deadline=held - timedelta(days=1))
    online = factories.ActivityFactory(starts_at=held, registration_deadline=held)
    factories.ActivityFactory(title="À venir")
    for status in ["present", "present", "absent", "attente"]:
        factories.RegistrationFactory(activity=gathering, status=status)
    factories.RegistrationFactory(activity=online, status="present")
    guide = factories.ResourceFactory(title="Guide de recrutement")
    for _ in range(3):
        client_for(None).get(reverse("ressource_telecharger", args=[guide.pk]))
    factories.StoryFactory(status="publie", published_at=timezone.now())
    factories.StoryFactory(status="retire", published_at=timezone.now(),
                           withdrawn_at=timezone.now())
    client = client_for(coordinator)
    tables = {table.slug: table for table in
              client.get("/admin/indicateurs/").context["tables"]}
    assert tables["activites"].rows == [("Capitale-Nationale", 1, 3, 2), ("En ligne", 1, 1, 1)]
    assert tables["ressources"].rows == [("Guide de recrutement", 3)]
    assert dict(tables["temoignages"].rows) == {
        "Témoignages soumis": 2, "Témoignages publiés": 2,
        "Témoignages retirés par leur auteur(e)": 1, "En ligne aujourd'hui": 1}
    rows = list(csv.reader(io.StringIO(
        client.get("/admin/indicateurs/activites.csv").content.decode("utf-8-sig"))))
    assert rows == [["Région", "Activités tenues", "Inscriptions", "Présences"],
                    ["Capitale-Nationale", "1", "3", "2"], ["En ligne", "1", "1", "1"]]
    region = client.get("/admin/indicateurs/", {"region": capitale.pk,
                                                "start": "", "end": ""})
    activities = {t.slug: t for t in region.context["tables"]}["activites"]
    assert activities.rows == [("Capitale-Nationale", 1, 3, 2)]
