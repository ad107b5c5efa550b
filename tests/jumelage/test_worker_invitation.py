"""On the real stack: an approval invites the member exactly once through a Celery worker."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import close_old_connections
from kombu import pools

from jumelage import services
from jumelage.enums import PairingStatus
from jumelage.models import Pairing
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from messagerie.tasks import sweep_unsent_notifications
from ruisss.celery import app as celery_app
from tests import factories
from tests.stack import wait_until
from tests.together import at_the_same_moment

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def request_and_member():
    match_request = factories.MatchRequestFactory()
    member = factories.MemberFactory(user__email="invitee@exemple.ca")
    return match_request, member, factories.CoordinatorFactory()


def invitations():
    return Notification.objects.filter(kind=NotificationKind.INVITATION)


def delivered_once(worker):
    sent = wait_until(lambda: invitations().filter(sent_at__isnull=False).exists())
    assert sent, worker.log_path.read_text()
    emails = wait_until(lambda: worker.sent_emails())
    assert len(emails) == 1, emails
    assert "invitee@exemple.ca" in emails[0]
    assert invitations().count() == 1
    assert Pairing.objects.filter(status=PairingStatus.APPROVED).count() == 1


def approve(match_request, member, coordinator):
    services.pairings_approve(project=match_request.project, members=[member],
                              by=coordinator, match_request=match_request)


def test_one_approval_sends_the_invitation_once(celery_worker_process, request_and_member):
    approve(*request_and_member)
    delivered_once(celery_worker_process)


def test_two_approvals_at_the_same_moment_send_one_invitation(celery_worker_process,
                                                              request_and_member):
    outcomes = at_the_same_moment(lambda: approve(*request_and_member),
                                  lambda: approve(*request_and_member))
    close_old_connections()
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    delivered_once(celery_worker_process)


def _forget_connections():
    # Celery keeps its broker connections in kombu's pools; drop them as a fork would, so
    # the next message opens a connection to the broker URL in force.
    pools.reset()
    celery_app._after_fork()


@contextmanager
def broker(url):
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    _forget_connections()
    try:
        yield
    finally:
        celery_app.conf.broker_url = previous
        _forget_connections()


def test_an_approval_while_redis_is_down_is_delivered_once_by_the_sweep(
        celery_worker_process, request_and_member):
    with broker("redis://127.0.0.1:1/0"):
        approve(*request_and_member)
    notification = invitations().get()
    assert notification.sent_at is None
    # The sweep leaves the most recent rows to the tasks already queued for them.
    invitations().update(created_at=notification.created_at - timedelta(minutes=5))
    sweep_unsent_notifications.delay()
    delivered_once(celery_worker_process)
    assert sweep_unsent_notifications() == 0
    assert len(celery_worker_process.sent_emails()) == 1
