from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from messagerie.enums import NotificationKind
from messagerie.models import Notification
from recrutement.enums import MatchRequestStatus, ProjectStatus, TeamStatus
from tests import factories

S = ProjectStatus


def _action(client, model, action, objects, **extra):
    return client.post(reverse(f"admin:recrutement_{model}_changelist"), {
        "action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra},
        follow=True)


def test_coordinator_verifies_and_refuses_teams(client_for, coordinator):
    client = client_for(coordinator)
    pending, other = factories.TeamFactory.create_batch(2, status=TeamStatus.PENDING)
    _action(client, "team", "verify", [pending])
    response = _action(client, "team", "refuse", [other])
    assert "Motif ou commentaire" in response.content.decode()
    _action(client, "team", "refuse", [other], apply="1", reason="Hors du territoire")
    pending.refresh_from_db()
    other.refresh_from_db()
    assert pending.status == TeamStatus.VERIFIED
    assert (other.status, other.status_reason) == (TeamStatus.REFUSED, "Hors du territoire")


def test_coordinator_publishes_and_a_forbidden_one_gets_a_clear_message(
        client_for, coordinator, team, team_member):
    submitted = factories.ProjectFactory(team=team, status=S.SUBMITTED)
    draft = factories.ProjectFactory(team=team, status=S.DRAFT)
    response = _action(client_for(coordinator), "project", "publish", [submitted, draft])
    content = response.content.decode()
    assert "1 projet(s) publié(s)." in content
    assert "« Brouillon » ne peut pas passer à « Publié »" in content
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert (submitted.status, draft.status) == (S.PUBLISHED, S.DRAFT)
    assert Notification.objects.filter(kind=NotificationKind.PROJECT_PUBLISHED,
                                       email=team_member.email).exists()


def test_returning_a_project_asks_for_a_comment_first(client_for, coordinator, team,
                                                      team_member):
    project = factories.ProjectFactory(team=team, status=S.SUBMITTED)
    client = client_for(coordinator)
    _action(client, "project", "return_to_team", [project], apply="1", reason="")
    project.refresh_from_db()
    assert project.status == S.SUBMITTED
    _action(client, "project", "return_to_team", [project], apply="1",
            reason="Ajoutez la durée.")
    project.refresh_from_db()
    assert (project.status, project.return_comment) == (S.RETURNED, "Ajoutez la durée.")
    assert Notification.objects.filter(kind=NotificationKind.PROJECT_RETURNED).count() == 1


def test_close_action(client_for, coordinator):
    project = factories.ProjectFactory(status=S.RECRUITING)
    _action(client_for(coordinator), "project", "close", [project])
    project.refresh_from_db()
    assert project.status == S.CLOSED


def test_match_requests_queue_oldest_first_with_overdue_flagged(client_for, coordinator):
    today = timezone.localdate()
    late = factories.MatchRequestFactory(project__title="En retard",
                                         needed_by=today - timedelta(days=1),
                                         created_at=timezone.now() - timedelta(days=9))
    fresh = factories.MatchRequestFactory(project__title="À temps")
    factories.MatchRequestFactory(project__title="Comblée", status=MatchRequestStatus.FILLED,
                                  needed_by=today - timedelta(days=5))
    client = client_for(coordinator)
    url = reverse("admin:recrutement_matchrequest_changelist")
    response = client.get(url)
    queue = list(response.context["cl"].result_list)
    assert queue.index(late) < queue.index(fresh)
    assert 'alt="True"' in response.content.decode()
    overdue = client.get(url, {"en_retard": "oui"}).context["cl"].result_list
    assert [r.project.title for r in overdue] == ["En retard"]


@pytest.mark.parametrize("model,make", [
    ("matchrequest", lambda: factories.MatchRequestFactory()),
    ("project", lambda: factories.ProjectFactory()),
    ("team", lambda: factories.TeamFactory()),
])
def test_admin_changelists_run_the_same_queries_for_5_and_50_rows(client_for, coordinator,
                                                                 model, make):
    client = client_for(coordinator)
    url = reverse(f"admin:recrutement_{model}_changelist")
    created = 0

    def count(total):
        nonlocal created
        while created < total:
            make()
            created += 1
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(5) == count(50)


@pytest.mark.parametrize("persona", ["team_member", "outsider"])
def test_the_admin_is_closed_to_everyone_but_coordinators(client_for, request, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("admin:recrutement_project_changelist"))
    assert response.status_code == 302


def test_each_request_in_the_queue_links_to_its_ranked_candidates(client_for, coordinator):
    match_request = factories.MatchRequestFactory()
    response = client_for(coordinator).get(reverse("admin:recrutement_matchrequest_changelist"))
    candidates = reverse("admin:jumelage_candidats", args=[match_request.pk])
    assert f'href="{candidates}"' in response.content.decode()
    assert client_for(coordinator).get(candidates).status_code == 200
