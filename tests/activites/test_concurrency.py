import pytest
from django.db import connection

from activites.models import Registration
from activites.services import registration_cancel, registration_create
from formation.enums import EnrolmentStatus
from tests.factories import ActivityFactory, RegistrationFactory, UserFactory
from tests.together import at_the_same_moment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="SQLite has no row locks; run with DATABASE_URL on PostgreSQL"),
]


def test_two_people_taking_the_last_place_at_once_get_one_place_and_one_wait():
    activity = ActivityFactory(capacity=1)
    first, second = UserFactory.create_batch(2)
    outcomes = at_the_same_moment(lambda: registration_create(activity=activity, user=first),
                                  lambda: registration_create(activity=activity, user=second))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert sorted(r.status for r in outcomes) == sorted(
        [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING])


def test_five_people_for_three_places_at_once_leave_three_places_and_a_list_of_two():
    activity = ActivityFactory(capacity=3)
    users = UserFactory.create_batch(5)
    outcomes = at_the_same_moment(*[
        (lambda user=user: registration_create(activity=activity, user=user))
        for user in users])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == sorted([EnrolmentStatus.ENROLLED] * 3 + [EnrolmentStatus.WAITING] * 2)


def test_a_cancellation_and_a_new_request_at_once_never_exceed_the_capacity():
    activity = ActivityFactory(capacity=1)
    holder = RegistrationFactory(activity=activity)
    waiting = RegistrationFactory(activity=activity, status=EnrolmentStatus.WAITING)
    newcomer = UserFactory()
    outcomes = at_the_same_moment(lambda: registration_cancel(registration=holder),
                                  lambda: registration_create(activity=activity, user=newcomer))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    with_place = Registration.objects.filter(status=EnrolmentStatus.ENROLLED)
    assert with_place.count() == 1
    # The person already waiting comes before the newcomer, whichever call went first.
    assert with_place.get().pk == waiting.pk
