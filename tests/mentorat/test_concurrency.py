"""Two coordinators giving a mentor's last place at the same moment (PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mentorat import services
from mentorat.models import Mentoring
from tests import factories
from tests.together import at_the_same_moment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="SQLite has no row locks; run with DATABASE_URL on PostgreSQL"),
]


def test_two_pairings_at_once_never_take_more_than_the_mentors_places():
    mentor = factories.MentorOfferFactory(capacity=1).member
    first, second = (services.mentoring_request_create(member=factories.MemberFactory())
                     for _ in range(2))
    coordinators = [factories.CoordinatorFactory() for _ in range(2)]

    def pair(request, coordinator):
        return lambda: services.mentoring_pair(request=request, mentor=mentor, by=coordinator)

    outcomes = at_the_same_moment(pair(first, coordinators[0]), pair(second, coordinators[1]))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    assert "autant de personnes" in refused[0].messages[0]
    assert Mentoring.objects.filter(mentor=mentor).count() == 1
