import threading

import pytest
from django.db import connection, connections

from formation.enums import EnrolmentStatus
from formation.models import Enrolment
from formation.services import enrolment_create
from tests.factories import SessionFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="SQLite has no row locks; run with DATABASE_URL on PostgreSQL"),
]


def test_two_people_taking_the_last_place_at_once_get_one_place_and_one_wait():
    session = SessionFactory(capacity=1)
    users = UserFactory.create_batch(2)
    barrier = threading.Barrier(2)
    errors = []

    def enrol(user):
        try:
            barrier.wait()
            enrolment_create(session=session, user=user)
        except Exception as error:  # reported below: a thread's exception is otherwise lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=[user]) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Enrolment.objects.values_list("status", flat=True)) == sorted(
        [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING])
