"""Support requests: the team asks and answers, the coordinators follow and close."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accompagnement import services
from accompagnement.enums import SupportKind, SupportStatus
from accompagnement.models import SupportMeeting, SupportRequest
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.personas import user_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "team_member", "other_team_member", "coordinator",
         "outsider"]


@pytest.fixture
def support(team, team_member, coordinator):
    return services.support_request_create(
        team=team, created_by=team_member, kind=SupportKind.METHOD,
        needs="Aide pour un sondage auprès des proches aidants.",
        due_on=timezone.localdate() + timedelta(days=10))


def _kinds(email):
    return list(Notification.objects.filter(email=email).values_list("kind", flat=True))


def test_a_request_reaches_every_coordinator_and_waits_as_received(support, coordinator):
    assert support.status == SupportStatus.RECEIVED
    assert _kinds(coordinator.email) == [NotificationKind.SUPPORT_RECEIVED]


def test_a_project_of_another_team_or_a_past_date_is_refused(team, team_member, other_team):
    other_project = factories.ProjectFactory(team=other_team)
    with pytest.raises(ValidationError):
        services.support_request_create(team=team, created_by=team_member,
                                        kind=SupportKind.OTHER, needs="x",
                                        project=other_project)
    with pytest.raises(ValidationError) as error:
        services.support_request_create(team=team, created_by=team_member,
                                        kind=SupportKind.OTHER, needs="x",
                                        due_on=timezone.localdate() - timedelta(days=1))
    assert "due_on" in error.value.error_dict
    assert not SupportRequest.objects.exists()


def test_taking_a_request_puts_it_in_progress_and_tells_the_team(support, coordinator,
                                                                   team_member):
    services.support_assign(request=support, coordinator=coordinator)
    services.support_assign(request=support, coordinator=coordinator)
    support.refresh_from_db()
    assert (support.status, support.assigned_to) == (SupportStatus.IN_PROGRESS, coordinator)
    assert _kinds(team_member.email) == [NotificationKind.SUPPORT_UPDATE]


def test_only_a_coordinator_takes_a_request(support, team_member):
    with pytest.raises(ValidationError):
        services.support_assign(request=support, coordinator=team_member)


def test_a_first_meeting_puts_the_request_in_the_hands_of_who_recorded_it(support,
                                                                          coordinator):
    services.support_meeting_record(request=support, held_on=timezone.localdate(),
                                    minutes=90, coordinator=coordinator, note="Appel")
    support.refresh_from_db()
    assert support.status == SupportStatus.IN_PROGRESS
    assert support.assigned_to == coordinator
    with pytest.raises(ValidationError):
        services.support_meeting_record(request=support, minutes=30, coordinator=coordinator,
                                        held_on=timezone.localdate() + timedelta(days=1))
    assert SupportMeeting.objects.count() == 1


def test_messages_go_to_the_other_side(support, coordinator, team_member):
    services.support_assign(request=support, coordinator=coordinator)
    services.support_message_post(request=support, author=coordinator, body="Quand?",
                                  from_team=False)
    services.support_message_post(request=support, author=team_member, body="Mardi.",
                                  from_team=True)
    assert _kinds(team_member.email).count(NotificationKind.SUPPORT_UPDATE) == 2
    assert NotificationKind.SUPPORT_UPDATE in _kinds(coordinator.email)


def test_closing_needs_an_outcome_and_then_nothing_changes(support, coordinator, team_member):
    with pytest.raises(ValidationError):
        services.support_close(request=support, outcome="  ", by=coordinator)
    services.support_close(request=support, outcome="Questionnaire revu ensemble.",
                           by=coordinator)
    support.refresh_from_db()
    assert support.status == SupportStatus.CLOSED
    assert support.assigned_to == coordinator
    assert NotificationKind.SUPPORT_CLOSED in _kinds(team_member.email)
    with pytest.raises(ValidationError):
        services.support_message_post(request=support, author=team_member, body="Merci",
                                      from_team=True)
    with pytest.raises(ValidationError):
        services.support_close(request=support, outcome="Encore", by=coordinator)


# Pages ------------------------------------------------------------------------------------

LIST = {"anonymous": 302, "patient": 403, "team_member": 200, "other_team_member": 200,
        "coordinator": 403, "outsider": 403}
DETAIL = {"anonymous": 302, "patient": 403, "team_member": 200, "other_team_member": 404,
          "coordinator": 403, "outsider": 403}


@pytest.mark.parametrize("role", ROLES)
def test_the_support_pages_for_each_role(request, client_for, support, role):
    client = client_for(user_of(request, role))
    assert client.get(reverse("accompagnement:soutien")).status_code == LIST[role]
    assert client.get(reverse("accompagnement:soutien_nouvelle")).status_code == LIST[role]
    detail = client.get(reverse("accompagnement:soutien_detail", args=[support.pk]))
    assert detail.status_code == DETAIL[role]


def test_another_team_does_not_see_the_request_in_its_list(client_for, support,
                                                           other_team_member):
    response = client_for(other_team_member).get(reverse("accompagnement:soutien"))
    assert "Aide pour un sondage" not in response.text
    assert "Soutien méthodologique" not in response.text


def test_a_team_asks_then_reads_the_outcome_and_answers(client_for, team, team_member,
                                                        coordinator):
    project = factories.ProjectFactory(team=team, title="Trajectoire en oncologie")
    client = client_for(team_member)
    response = client.post(reverse("accompagnement:soutien_nouvelle"), {
        "kind": SupportKind.RECRUITMENT, "project": project.pk,
        "needs": "Recruter deux patientes partenaires.", "due_on": ""})
    support = SupportRequest.objects.get()
    assert response.url == reverse("accompagnement:soutien_detail", args=[support.pk])
    assert support.project == project
    services.support_close(request=support, outcome="Deux profils proposés.", by=coordinator)
    page = client.get(response.url)
    assert "Deux profils proposés." in page.text
    assert "Fermée" in page.text


def test_bad_input_is_told_beside_the_field_and_kept(client_for, team_member):
    response = client_for(team_member).post(reverse("accompagnement:soutien_nouvelle"), {
        "kind": "inconnu", "needs": "Texte gardé", "due_on": "1999-01-01"})
    assert response.status_code == 200
    assert "Texte gardé" in response.text
    assert "Choisissez une date à venir." in response.text
    assert not SupportRequest.objects.exists()


def test_the_team_answers_an_open_request(client_for, support, team_member, coordinator):
    services.support_assign(request=support, coordinator=coordinator)
    response = client_for(team_member).post(
        reverse("accompagnement:soutien_detail", args=[support.pk]), {"body": "Voici"})
    assert response.status_code == 302
    assert support.messages.get().from_team


def test_the_team_space_links_to_support(client_for, team_member, support):
    response = client_for(team_member).get(reverse("equipe"))
    assert reverse("accompagnement:soutien") in response.text
    assert "1 demande de soutien ouverte." in response.text


# Admin ------------------------------------------------------------------------------------

def test_the_admin_queue_lists_oldest_first_and_flags_the_overdue(client_for, team,
                                                                  team_member, coordinator):
    old = factories.SupportRequestFactory(team=team, created_at=timezone.now()
                                          - timedelta(days=20),
                                          due_on=timezone.localdate() - timedelta(days=2))
    new = factories.SupportRequestFactory(team=team)
    client = client_for(coordinator)
    response = client.get(reverse("admin:accompagnement_supportrequest_changelist"))
    assert response.status_code == 200
    rows = response.context["cl"].result_list
    assert [r.pk for r in rows] == [old.pk, new.pk]
    assert old.is_overdue and not new.is_overdue
    overdue = client.get(reverse("admin:accompagnement_supportrequest_changelist")
                         + "?retard=1")
    assert [r.pk for r in overdue.context["cl"].result_list] == [old.pk]


def test_the_admin_records_a_meeting_a_message_and_closes(client_for, support, coordinator,
                                                          team_member):
    client = client_for(coordinator)
    url = reverse("admin:accompagnement_supportrequest_change", args=[support.pk])
    assert client.get(url).status_code == 200
    data = {
        "assigned_to": coordinator.pk, "message": "Je vous appelle mardi.",
        "close_outcome": "Sondage revu; modèle envoyé.",
        "messages-TOTAL_FORMS": 0, "messages-INITIAL_FORMS": 0,
        "meetings-TOTAL_FORMS": 0, "meetings-INITIAL_FORMS": 0,
        "meetings-2-TOTAL_FORMS": 1, "meetings-2-INITIAL_FORMS": 0,
        "meetings-2-0-held_on": timezone.localdate().isoformat(),
        "meetings-2-0-minutes": 45, "meetings-2-0-note": "Rencontre",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    support.refresh_from_db()
    assert support.status == SupportStatus.CLOSED
    assert support.meetings.get().minutes == 45
    assert support.messages.get().body == "Je vous appelle mardi."
    assert support.outcome == "Sondage revu; modèle envoyé."


ADMIN = {"anonymous": 302, "patient": 302, "team_member": 302, "other_team_member": 302,
         "coordinator": 200, "outsider": 302}


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_open_the_admin_queue(request, client_for, support, role):
    client = client_for(user_of(request, role))
    queue = client.get(reverse("admin:accompagnement_supportrequest_changelist"))
    assert queue.status_code == ADMIN[role]
    change = client.get(reverse("admin:accompagnement_supportrequest_change",
                                args=[support.pk]))
    assert change.status_code == ADMIN[role]


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_take_the_same_queries_for_2_and_12_requests(client_for, team, team_member,
                                                                coordinator):
    project = factories.ProjectFactory(team=team)

    def add(n):
        for _i in range(n):
            request = factories.SupportRequestFactory(team=team, project=project)
            services.support_meeting_record(request=request, held_on=timezone.localdate(),
                                            minutes=30, coordinator=coordinator)

    add(2)
    team_client = client_for(team_member)
    few = _queries(team_client, reverse("accompagnement:soutien"))
    admin_client = client_for(coordinator)
    admin_url = reverse("admin:accompagnement_supportrequest_changelist")
    admin_few = _queries(admin_client, admin_url)
    add(10)
    assert _queries(client_for(team_member), reverse("accompagnement:soutien")) == few
    assert _queries(client_for(coordinator), admin_url) == admin_few


def test_a_request_closed_meanwhile_is_told_in_the_admin_not_an_error(client_for, support,
                                                                      coordinator):
    client = client_for(coordinator)
    url = reverse("admin:accompagnement_supportrequest_change", args=[support.pk])
    client.get(url)
    services.support_close(request=support, outcome="Déjà fait", by=coordinator)
    response = client.post(url, {
        "assigned_to": "", "message": "", "close_outcome": "Encore",
        "messages-TOTAL_FORMS": 0, "messages-INITIAL_FORMS": 0,
        "meetings-TOTAL_FORMS": 0, "meetings-INITIAL_FORMS": 0,
        "meetings-2-TOTAL_FORMS": 0, "meetings-2-INITIAL_FORMS": 0}, follow=True)
    assert response.status_code == 200
    assert "Cette demande est fermée" in response.text
    support.refresh_from_db()
    assert support.outcome == "Déjà fait"
