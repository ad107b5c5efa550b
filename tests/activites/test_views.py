from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activites.models import ActivityDocument, Registration
from communaute.enums import Modality
from formation.enums import EnrolmentStatus
from tests import files
from tests.factories import ActivityFactory, RegionFactory, RegistrationFactory
from tests.personas import user_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "coordinator", "outsider"]
LINK = "https://visio.exemple.ca/echange"


def past_activity(**fields):
    starts = timezone.now() - timedelta(days=3)
    return ActivityFactory(starts_at=starts, registration_deadline=starts - timedelta(days=1),
                           **fields)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_coming_activities_and_the_summary_of_past_ones(request, client_for,
                                                                     role):
    ActivityFactory(title="Rencontre régionale de Rimouski", capacity=3)
    ActivityFactory(title="Activité cachée", published=False)
    past_activity(title="Rassemblement 2025", summary="Nous avons parlé de la matrice.")
    client = client_for(user_of(request, role))
    html = client.get(reverse("activites")).content.decode()
    assert "Rencontre régionale de Rimouski" in html and "3 places libres sur 3" in html
    assert "Rassemblement 2025" in html and "Nous avons parlé de la matrice." in html
    assert "Activité cachée" not in html


@pytest.mark.parametrize("language, heading", [("fr-ca", "Activités"), ("en", "Activities")])
def test_an_anonymous_visitor_reads_the_activities_in_french_and_english(client, language,
                                                                        heading):
    activity = ActivityFactory()
    client.cookies["django_language"] = language
    assert f"<h1>{heading}</h1>" in client.get(reverse("activites")).content.decode()
    assert client.get(activity.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_activity_is_not_found(request, client_for, role):
    activity = ActivityFactory(published=False)
    assert client_for(user_of(request, role)).get(
        activity.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 302), ("caregiver", 302), ("team_member", 302),
    ("coordinator", 302), ("outsider", 403)])
def test_members_team_members_and_coordinators_may_register(request, client_for, role, status):
    activity = ActivityFactory()
    response = client_for(user_of(request, role)).post(
        reverse("activite_inscription", args=[activity.slug]))
    assert response.status_code == status
    assert Registration.objects.exists() == (role not in ("anonymous", "outsider"))


@pytest.mark.parametrize("role, shown", [
    ("anonymous", False), ("caregiver", False), ("team_member", False), ("outsider", False),
    ("patient", True), ("coordinator", True)])
def test_the_online_link_is_shown_to_people_with_a_place_only(request, client_for, patient,
                                                              role, shown):
    activity = ActivityFactory(link=LINK)
    RegistrationFactory(activity=activity, user=patient.user)
    response = client_for(user_of(request, role)).get(activity.get_absolute_url())
    assert response.status_code == 200
    assert (LINK in response.content.decode()) == shown


def test_a_person_waiting_does_not_see_the_link(client_for, patient):
    activity = ActivityFactory(link=LINK, capacity=1)
    RegistrationFactory(activity=activity)
    client = client_for(patient.user)
    response = client.post(reverse("activite_inscription", args=[activity.slug]), follow=True)
    html = response.content.decode()
    assert "liste d&#x27;attente, en position 1" in html
    assert LINK not in html


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 302), ("caregiver", 404), ("team_member", 404),
    ("coordinator", 404), ("outsider", 404)])
def test_only_the_owner_cancels_a_registration(request, client_for, patient, role, status):
    registration = RegistrationFactory(user=patient.user)
    response = client_for(user_of(request, role)).post(
        reverse("activite_annulation", args=[registration.pk]))
    assert response.status_code == status
    registration.refresh_from_db()
    assert (registration.status == EnrolmentStatus.CANCELLED) == (role == "patient")


def test_registering_again_and_again_stops_sending_e_mails(client_for, patient, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS,
                                    "activity_registration": "2/h/user"}
    activity = ActivityFactory()
    client = client_for(patient.user)
    for _ in range(3):
        response = client.post(reverse("activite_inscription", args=[activity.slug]),
                               follow=True)
        client.post(reverse("activite_annulation",
                            args=[Registration.objects.get(user=patient.user).pk]))
    assert "Réessayez dans une heure" in response.content.decode()


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 200), ("caregiver", 404), ("team_member", 404),
    ("coordinator", 200), ("outsider", 404)])
def test_shared_documents_go_to_the_people_who_came(request, client_for, patient, role, status):
    activity = past_activity(summary="Compte rendu.")
    RegistrationFactory(activity=activity, user=patient.user, status=EnrolmentStatus.ATTENDED)
    RegistrationFactory(activity=activity, user=request.getfixturevalue("caregiver").user,
                        status=EnrolmentStatus.ABSENT)
    document = ActivityDocument(activity=activity, title="Présentation de la matrice")
    document.file.save("matrice.pdf", __import__("io").BytesIO(files.pdf()), save=True)
    client = client_for(user_of(request, role))
    html = client.get(activity.get_absolute_url()).content.decode()
    assert ("Présentation de la matrice" in html) == (status == 200)
    response = client.get(reverse("activite_document", args=[activity.slug, document.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == files.pdf()


def test_the_member_space_lists_activities_of_the_member_region_first(client_for, patient):
    home = patient.region
    other = RegionFactory(name="Bas-Saint-Laurent", code="01")
    soon = timezone.now() + timedelta(days=3)
    ActivityFactory(title="Ailleurs, bientôt", format=Modality.IN_PERSON, region=other,
                    place="Rimouski", starts_at=soon, registration_deadline=soon)
    ActivityFactory(title="Chez moi, plus tard", format=Modality.IN_PERSON, region=home,
                    place="Québec", starts_at=soon + timedelta(days=20))
    mine = RegistrationFactory(user=patient.user, activity__title="Mon inscription")
    html = client_for(patient.user).get(reverse("espace")).content.decode()
    assert html.index("Chez moi, plus tard") < html.index("Ailleurs, bientôt")
    assert "Mon inscription" in html
    assert html.count(mine.activity.title) == 1


@pytest.mark.parametrize("name", ["admin:activites_activity_changelist",
                                  "admin:activites_registration_changelist"])
@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 302), ("team_member", 302), ("coordinator", 200)])
def test_only_coordinators_manage_activities_and_attendance(request, client_for, name, role,
                                                            status):
    RegistrationFactory()
    assert client_for(user_of(request, role)).get(reverse(name)).status_code == status


def test_a_coordinator_takes_attendance_in_the_admin(client_for, coordinator):
    came, missed = RegistrationFactory.create_batch(2, activity=past_activity())
    client = client_for(coordinator)
    url = reverse("admin:activites_registration_changelist")
    client.post(url, {"action": "mark_present", "_selected_action": [came.pk]})
    client.post(url, {"action": "mark_absent", "_selected_action": [missed.pk]})
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.status, missed.status) == (EnrolmentStatus.ATTENDED, EnrolmentStatus.ABSENT)


def test_an_in_person_activity_needs_a_region_and_a_place_in_the_admin(client_for, coordinator):
    response = client_for(coordinator).post(reverse("admin:activites_activity_add"), {
        "title": "Rencontre", "slug": "rencontre", "kind": "regionale",
        "description": "Une rencontre.", "published": "on", "format": "presentiel",
        "starts_at_0": "2026-03-05", "starts_at_1": "13:00",
        "ends_at_0": "2026-03-05", "ends_at_1": "15:00", "capacity": "20",
        "registration_deadline_0": "2026-03-01", "registration_deadline_1": "12:00",
        "documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "Une activité en personne a lieu dans une région." in response.content.decode()


def _list_queries(client, size):
    for _ in range(size):
        RegistrationFactory(activity=ActivityFactory())
        past_activity(summary="Compte rendu.")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("activites")).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_activities(client_for, patient):
    client = client_for(patient.user)
    assert _list_queries(client, 3) == _list_queries(client, 12)


def test_a_team_member_sees_the_coming_activities_in_their_space(client_for, team_member):
    ActivityFactory(title="Échange entre équipes et membres")
    html = client_for(team_member).get(reverse("espace")).content.decode()
    assert "Échange entre équipes et membres" in html
