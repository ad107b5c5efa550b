from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import Audience
from formation.enums import CompletionStatus, CourseFormat, EnrolmentStatus
from formation.models import Completion, Enrolment
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests.factories import (
    CompletionFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "other_team_member",
         "coordinator", "outsider"]


@pytest.fixture
def person(request):
    """The user of a role name; `patient` owns the objects under test."""

    def get(role):
        if role == "anonymous":
            return None
        value = request.getfixturevalue(role)
        return getattr(value, "user", value)

    return get


def test_the_four_modules_of_the_domain_are_in_the_catalogue(client):
    html = client.get(reverse("formations")).content.decode()
    assert "Module 101 : Les fondements du partenariat patient" in html
    assert "Le partenariat patient en amélioration continue de la qualité" in html


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_read_the_catalogue_and_a_course(client_for, person, role):
    session = SessionFactory(course__title="Formation publique", capacity=3)
    client = client_for(person(role))
    assert "Formation publique" in client.get(reverse("formations")).content.decode()
    detail = client.get(session.course.get_absolute_url())
    assert detail.status_code == 200
    assert "3 places libres sur 3" in detail.content.decode()


def test_a_withdrawn_course_is_not_found(client):
    course = CourseFactory(active=False)
    assert client.get(course.get_absolute_url()).status_code == 404
    assert course.title not in client.get(reverse("formations")).content.decode()


def test_the_catalogue_filters_by_audience_format_and_language(client):
    CourseFactory(title="Pour les membres", audience=Audience.MEMBERS)
    CourseFactory(title="Pour tout le monde", audience=Audience.EVERYONE)
    CourseFactory(title="Pour les équipes", audience=Audience.TEAMS)
    CourseFactory(title="In English", audience=Audience.MEMBERS, language="en")
    html = client.get(reverse("formations"), {"audience": "membres", "language": "fr-ca"}
                      ).content.decode()
    assert "Pour les membres" in html and "Pour tout le monde" in html
    assert "Pour les équipes" not in html and "In English" not in html
    html = client.get(reverse("formations"), {"format": CourseFormat.ASYNCHRONOUS}
                      ).content.decode()
    assert "amélioration continue" in html and "Pour les membres" not in html


def test_a_bad_filter_value_is_explained_beside_the_field(client):
    response = client.get(reverse("formations"), {"format": "nimporte"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'id="id_format_error"' in html


def test_the_catalogue_shows_coming_sessions_with_places_left(client):
    course = CourseFactory(title="Formation en direct")
    session = SessionFactory(course=course, capacity=2)
    EnrolmentFactory(session=session)
    SessionFactory(course=course, starts_at=timezone.now() - timedelta(days=1))
    html = client.get(reverse("formations")).content.decode()
    assert "1 place libre" in html
    assert html.count("place libre") == 1


def _catalogue_queries(client, courses):
    for course in CourseFactory.create_batch(courses):
        EnrolmentFactory(session=SessionFactory(course=course))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("formations")).status_code == 200
    return len(queries)


def test_the_catalogue_query_count_does_not_grow_with_the_courses(client_for, patient):
    client = client_for(patient.user)
    few = _catalogue_queries(client, 5)
    many = _catalogue_queries(client, 45)
    assert few == many


@pytest.mark.parametrize("role, status", [
    ("patient", 302), ("caregiver", 302), ("team_member", 302), ("other_team_member", 302),
    ("coordinator", 302), ("outsider", 403)])
def test_members_team_members_and_coordinators_may_enrol(client_for, person, role, status):
    session = SessionFactory()
    response = client_for(person(role)).post(reverse("formation_inscription",
                                                     args=[session.pk]))
    assert response.status_code == status
    assert Enrolment.objects.filter(session=session).exists() == (status == 302)


@pytest.mark.parametrize("audience, role, enrolled", [
    (Audience.MEMBERS, "patient", True), (Audience.MEMBERS, "team_member", False),
    (Audience.MEMBERS, "coordinator", True), (Audience.TEAMS, "team_member", True),
    (Audience.TEAMS, "caregiver", False), (Audience.TEAMS, "coordinator", True)])
def test_a_course_for_one_audience_refuses_the_other_with_a_message(client_for, person,
                                                                    audience, role, enrolled):
    session = SessionFactory(course__audience=audience)
    enrol_url = reverse("formation_inscription", args=[session.pk])
    client = client_for(person(role))
    page = client.get(session.course.get_absolute_url()).content.decode()
    assert (f'action="{enrol_url}"' in page) == enrolled
    response = client.post(enrol_url, follow=True)
    assert Enrolment.objects.filter(session=session).exists() == enrolled
    assert ("Cette formation s&#x27;adresse aux" in response.content.decode()) != enrolled


def test_a_member_cannot_declare_a_self_paced_course_meant_for_teams(client_for, patient):
    course = CourseFactory(format=CourseFormat.ASYNCHRONOUS, audience=Audience.TEAMS)
    client = client_for(patient.user)
    assert course.title not in client.get(reverse("formation_declaration")).content.decode()
    response = client.post(reverse("formation_declaration"), {"course": course.pk})
    assert response.status_code == 200 and 'id="id_course_error"' in response.content.decode()
    assert not Completion.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_to_enrol(client):
    session = SessionFactory()
    response = client.post(reverse("formation_inscription", args=[session.pk]))
    assert response.status_code == 302 and "/comptes/" in response.url
    assert not Enrolment.objects.exists()


def test_enrolling_in_a_full_session_says_so_with_the_waiting_position(client_for, patient,
                                                                        caregiver):
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status=EnrolmentStatus.WAITING)
    response = client_for(patient.user).post(
        reverse("formation_inscription", args=[session.pk]), follow=True)
    html = response.content.decode()
    assert "liste d&#x27;attente, en position 2" in html


def test_a_second_enrolment_is_refused_with_a_message(client_for, patient):
    session = SessionFactory()
    EnrolmentFactory(session=session, user=patient.user)
    response = client_for(patient.user).post(
        reverse("formation_inscription", args=[session.pk]), follow=True)
    assert "déjà une demande d&#x27;inscription" in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_enrolling_and_cancelling_again_and_again_stops_sending_e_mails(client_for, patient,
                                                                       settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "enrolment": "2/h/user"}
    session = SessionFactory()
    client = client_for(patient.user)
    for _ in range(3):
        response = client.post(reverse("formation_inscription", args=[session.pk]),
                               follow=True)
        client.post(reverse("formation_annulation",
                            args=[Enrolment.objects.get(user=patient.user).pk]))
    assert "Réessayez dans une heure" in response.content.decode()
    assert Notification.objects.filter(recipient=patient.user,
                                       kind=NotificationKind.ENROLMENT).count() == 2


def test_a_passed_deadline_is_refused_with_a_message(client_for, patient):
    session = SessionFactory(registration_deadline=timezone.now() - timedelta(hours=1))
    response = client_for(patient.user).post(
        reverse("formation_inscription", args=[session.pk]), follow=True)
    assert "date limite d&#x27;inscription" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_past_session_cannot_be_reached(client_for, patient):
    session = SessionFactory(starts_at=timezone.now() - timedelta(days=1))
    response = client_for(patient.user).post(reverse("formation_inscription",
                                                     args=[session.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 302), ("caregiver", 404), ("team_member", 404),
    ("other_team_member", 404), ("coordinator", 404), ("outsider", 404)])
def test_only_the_owner_may_cancel_an_enrolment(client_for, person, patient, role, status):
    enrolment = EnrolmentFactory(user=patient.user)
    response = client_for(person(role)).post(reverse("formation_annulation",
                                                     args=[enrolment.pk]))
    assert response.status_code == status
    enrolment.refresh_from_db()
    assert (enrolment.status == EnrolmentStatus.CANCELLED) == (role == "patient")


def test_cancelling_returns_to_the_page_it_came_from_and_promotes_the_next(
        client_for, patient, django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory(user=patient.user, session__capacity=1)
    waiting = EnrolmentFactory(session=enrolment.session, status=EnrolmentStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(patient.user).post(
            reverse("formation_annulation", args=[enrolment.pk]),
            {"next": reverse("espace")})
    assert response.url == reverse("espace")
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED
    assert mail.outbox[0].to == [waiting.user.email]


def test_cancelling_never_redirects_to_another_site(client_for, patient):
    enrolment = EnrolmentFactory(user=patient.user)
    response = client_for(patient.user).post(
        reverse("formation_annulation", args=[enrolment.pk]), {"next": "https://mal.example/"})
    assert response.url == enrolment.session.course.get_absolute_url()


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 200), ("caregiver", 200), ("team_member", 200),
    ("other_team_member", 200), ("coordinator", 200), ("outsider", 403)])
def test_who_may_open_the_declaration_page(client_for, person, role, status):
    response = client_for(person(role)).get(reverse("formation_declaration"))
    assert response.status_code == status


def test_a_member_declares_a_self_paced_course_done(client_for, patient):
    course = CourseFactory(format=CourseFormat.ASYNCHRONOUS)
    response = client_for(patient.user).post(reverse("formation_declaration"),
                                             {"course": course.pk})
    assert response.status_code == 302
    completion = Completion.objects.get(user=patient.user, course=course)
    assert completion.status == CompletionStatus.DECLARED


def test_declaring_a_live_course_is_refused_beside_the_field(client_for, patient):
    course = CourseFactory(format=CourseFormat.LIVE_ONLINE)
    response = client_for(patient.user).post(reverse("formation_declaration"),
                                             {"course": course.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html and 'id="id_course_error"' in html
    assert not Completion.objects.exists()


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 200), ("caregiver", 404), ("team_member", 404),
    ("other_team_member", 404), ("coordinator", 200), ("outsider", 404)])
def test_the_attestation_is_for_its_owner_and_the_coordinators(client_for, person, patient,
                                                               role, status):
    completion = CompletionFactory(user=patient.user, course__title="Module d'essai")
    response = client_for(person(role)).get(reverse("attestation", args=[completion.pk]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Module d&#x27;essai" in html and patient.user.get_full_name() in html


def test_a_declared_course_has_no_attestation_yet(client_for, patient):
    completion = CompletionFactory(user=patient.user, status=CompletionStatus.DECLARED)
    response = client_for(patient.user).get(reverse("attestation", args=[completion.pk]))
    assert response.status_code == 404


def _dashboard(user, rf):
    request = rf.get("/mon-espace/")
    request.user = user
    template = Template('{% include "formation/espace_formations.html" %}')
    return template.render(Context({"user": user, "request": request}))


def test_the_dashboard_lists_enrolments_waiting_position_and_attestations(patient, rf):
    user = patient.user
    enrolled = EnrolmentFactory(user=user, session__course__title="Formation inscrite")
    full = SessionFactory(course__title="Formation complète", capacity=1)
    EnrolmentFactory(session=full)
    EnrolmentFactory(session=full, status=EnrolmentStatus.WAITING)
    EnrolmentFactory(session=full, user=user, status=EnrolmentStatus.WAITING)
    EnrolmentFactory(user=user, status=EnrolmentStatus.CANCELLED,
                     session__course__title="Formation annulée")
    completion = CompletionFactory(user=user, course__title="Formation terminée")
    html = _dashboard(user, rf)
    assert "Formation inscrite" in html and "Formation annulée" not in html
    assert "position 2" in html
    assert reverse("formation_annulation", args=[enrolled.pk]) in html
    assert reverse("attestation", args=[completion.pk]) in html
    assert f'href="{reverse("formation_declaration")}"' in html


def test_the_declaration_page_offers_the_self_paced_courses_left_to_declare(client_for,
                                                                             patient):
    CourseFactory(title="Formation à son rythme", format=CourseFormat.ASYNCHRONOUS)
    declared = CourseFactory(title="Formation déclarée", format=CourseFormat.ASYNCHRONOUS)
    CompletionFactory(user=patient.user, course=declared)
    page = client_for(patient.user).get(reverse("formation_declaration")).content.decode()
    assert 'id="id_course"' in page and "Formation à son rythme" in page
    assert "Formation déclarée" not in page


def test_the_dashboard_query_count_does_not_grow_with_the_enrolments(patient, rf):
    def measure(count):
        for _ in range(count):
            EnrolmentFactory(user=patient.user)
            CompletionFactory(user=patient.user)
        with CaptureQueriesContext(connection) as queries:
            _dashboard(patient.user, rf)
        return len(queries)

    assert measure(5) == measure(45)


def test_the_catalogue_reads_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    SessionFactory(capacity=2)
    html = client.get(reverse("formations")).content.decode()
    assert "Coming sessions" in html and "2 free places" in html and "All formats" in html


def test_the_shared_catalogue_shows_places_and_courses_as_they_change(client):
    session = SessionFactory(course__title="Formation partagée", capacity=2)
    url = reverse("formations")
    assert "2 places libres" in client.get(url).content.decode()
    EnrolmentFactory(session=session)
    session.course.title = "Formation renommée"
    session.course.save(update_fields=["title"])
    content = client.get(url).content.decode()
    assert "1 place libre" in content and "Formation renommée" in content
