import pytest
from django.db import connection

from formation.enums import EnrolmentStatus
from formation.models import Enrolment
from formation.services import enrolment_create
from tests.factories import SessionFactory, UserFactory
from tests.together import at_the_same_moment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="SQLite has no row locks; run with DATABASE_URL on PostgreSQL"),
]


def test_two_people_taking_the_last_place_at_once_get_one_place_and_one_wait():
    session = SessionFactory(capacity=1)
    first, second = UserFactory.create_batch(2)
    outcomes = at_the_same_moment(lambda: enrolment_create(session=session, user=first),
                                  lambda: enrolment_create(session=session, user=second))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert sorted(enrolment.status for enrolment in outcomes) == sorted(
        [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING])
    assert Enrolment.objects.count() == 2
