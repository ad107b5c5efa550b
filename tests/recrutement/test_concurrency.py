from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from recrutement.enums import MatchRequestStatus
from recrutement.models import MatchRequest
from recrutement.services import RecruitmentError, match_request_create
from tests.factories import ProjectFactory, TeamMembershipFactory
from tests.together import at_the_same_moment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="SQLite has no row locks; run with DATABASE_URL on PostgreSQL"),
]


def test_two_colleagues_asking_for_people_at_once_open_one_request():
    project = ProjectFactory()
    first, second = (TeamMembershipFactory(team=project.team).user for _ in range(2))
    needed_by = timezone.localdate() + timedelta(days=20)

    def ask(user):
        return lambda: match_request_create(project=project, people_count=3,
                                            needed_by=needed_by, created_by=user)

    outcomes = at_the_same_moment(ask(first), ask(second))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], RecruitmentError)
    assert "déjà une demande de jumelage ouverte" in refused[0].messages[0]
    assert MatchRequest.objects.filter(project=project,
                                       status=MatchRequestStatus.OPEN).count() == 1
