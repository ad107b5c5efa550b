from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from formation.enums import CompletionStatus, CourseFormat, EnrolmentStatus
from formation.models import Completion, Enrolment
from formation.services import (
    attendance_record,
    completion_declare,
    completion_record,
    completions_confirm,
    enrolment_cancel,
    enrolment_create,
    session_fill_from_waitlist,
    session_reminders_send,
)
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests.factories import (
    CompletionFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_enrolment_in_a_session_with_places_is_confirmed_with_a_calendar_file(
        django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=2, place="Pavillon Vandry, Québec")
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(session=session, user=user)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    [message] = mail.outbox
    assert message.to == [user.email]
    assert session.course.title in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("seance.ics", "text/calendar")
    assert f"UID:seance-{session.pk}@" in content
    assert "LOCATION:Pavillon Vandry\\, Québec" in content
    assert Notification.objects.get().kind == NotificationKind.ENROLMENT


def test_a_full_session_puts_the_person_on_the_waiting_list_without_calendar_file(
        django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(session=session, user=UserFactory())
    assert enrolment.status == EnrolmentStatus.WAITING
    assert "attente" in mail.outbox[0].subject
    assert mail.outbox[0].attachments == []


def test_attended_and_absent_people_still_hold_their_place():
    session = SessionFactory(capacity=2)
    EnrolmentFactory(session=session, status=EnrolmentStatus.ATTENDED)
    EnrolmentFactory(session=session, status=EnrolmentStatus.ABSENT)
    EnrolmentFactory(session=session, status=EnrolmentStatus.CANCELLED)
    assert enrolment_create(session=session, user=UserFactory()).status == EnrolmentStatus.WAITING


@pytest.mark.parametrize("setup, message", [
    (lambda s, u: s.__class__.objects.filter(pk=s.pk).update(
        registration_deadline=timezone.now() - timedelta(minutes=1)),
     "date limite d'inscription"),
    (lambda s, u: EnrolmentFactory(session=s, user=u), "déjà une demande"),
    (lambda s, u: EnrolmentFactory(session=s, user=u, status=EnrolmentStatus.WAITING),
     "déjà une demande"),
    (lambda s, u: s.course.__class__.objects.filter(pk=s.course_id).update(active=False),
     "n'est plus offerte"),
])
def test_enrolment_is_refused_with_a_clear_message(setup, message):
    session, user = SessionFactory(), UserFactory()
    setup(session, user)
    with pytest.raises(ValidationError) as error:
        enrolment_create(session=session, user=user)
    assert message in error.value.messages[0]
    assert Notification.objects.count() == 0


def test_a_person_who_cancelled_may_enrol_again_at_the_end_of_the_list():
    session = SessionFactory(capacity=1)
    user = UserFactory()
    first = enrolment_create(session=session, user=user)
    enrolment_cancel(enrolment=first)
    EnrolmentFactory(session=session)
    again = enrolment_create(session=session, user=user)
    assert again.pk == first.pk
    assert again.status == EnrolmentStatus.WAITING


def test_cancelling_gives_the_place_to_the_first_person_waiting_and_tells_them(
        django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    leaving = EnrolmentFactory(session=session)
    first = EnrolmentFactory(session=session, status=EnrolmentStatus.WAITING,
                             created_at=timezone.now() - timedelta(hours=2))
    second = EnrolmentFactory(session=session, status=EnrolmentStatus.WAITING,
                              created_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        promoted = enrolment_cancel(enrolment=leaving)
    assert promoted == [first]
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert statuses == {leaving.pk: EnrolmentStatus.CANCELLED, first.pk: EnrolmentStatus.ENROLLED,
                        second.pk: EnrolmentStatus.WAITING}
    [message] = mail.outbox
    assert message.to == [first.user.email]
    assert message.attachments[0][0] == "seance.ics"
    assert Notification.objects.get().kind == NotificationKind.WAITLIST_PROMOTED


def test_leaving_the_waiting_list_promotes_nobody():
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    waiting = EnrolmentFactory(session=session, status=EnrolmentStatus.WAITING)
    other = EnrolmentFactory(session=session, status=EnrolmentStatus.WAITING)
    assert enrolment_cancel(enrolment=waiting) == []
    other.refresh_from_db()
    assert other.status == EnrolmentStatus.WAITING


def test_a_cancelled_enrolment_or_a_started_session_cannot_be_cancelled():
    cancelled = EnrolmentFactory(status=EnrolmentStatus.CANCELLED)
    with pytest.raises(ValidationError, match="rien à annuler"):
        enrolment_cancel(enrolment=cancelled)
    started = EnrolmentFactory(session=SessionFactory(
        starts_at=timezone.now() - timedelta(minutes=5)))
    with pytest.raises(ValidationError, match="commencée"):
        enrolment_cancel(enrolment=started)


def test_places_added_by_a_coordinator_go_to_the_people_waiting_in_order():
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    waiting = [EnrolmentFactory(session=session, status=EnrolmentStatus.WAITING,
                                created_at=timezone.now() - timedelta(minutes=10 - i))
               for i in range(3)]
    session.capacity = 3
    session.save()
    assert session_fill_from_waitlist(session=session) == waiting[:2]


def test_the_reminder_goes_once_to_each_enrolled_person_the_day_before(
        django_capture_on_commit_callbacks):
    tomorrow = SessionFactory(starts_at=timezone.now() + timedelta(hours=20))
    later = SessionFactory(starts_at=timezone.now() + timedelta(days=3))
    enrolled = EnrolmentFactory(session=tomorrow)
    EnrolmentFactory(session=tomorrow, status=EnrolmentStatus.WAITING)
    EnrolmentFactory(session=tomorrow, status=EnrolmentStatus.CANCELLED)
    EnrolmentFactory(session=later)
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 1
        assert session_reminders_send() == 0
    [message] = mail.outbox
    assert message.to == [enrolled.user.email]
    assert message.attachments[0][0] == "seance.ics"
    tomorrow.refresh_from_db()
    assert tomorrow.reminder_sent_at is not None


def test_marking_completion_confirms_the_course_for_each_person_at_once(coordinator):
    session = SessionFactory()
    enrolments = EnrolmentFactory.create_batch(3, session=session)
    CompletionFactory(course=session.course, user=enrolments[0].user,
                      status=CompletionStatus.DECLARED)
    waiting = EnrolmentFactory(session=session, status=EnrolmentStatus.WAITING)
    count = completion_record(enrolment_ids=[e.pk for e in [*enrolments, waiting]],
                              by=coordinator)
    assert count == 3
    completions = Completion.objects.filter(course=session.course)
    assert {c.user_id for c in completions} == {e.user_id for e in enrolments}
    assert {c.status for c in completions} == {CompletionStatus.CONFIRMED}
    assert {c.confirmed_by for c in completions} == {coordinator}
    assert set(Enrolment.objects.filter(status=EnrolmentStatus.ATTENDED)
               .values_list("pk", flat=True)) == {e.pk for e in enrolments}


def test_attendance_leaves_the_waiting_list_alone():
    enrolled = EnrolmentFactory()
    waiting = EnrolmentFactory(session=enrolled.session, status=EnrolmentStatus.WAITING)
    assert attendance_record(enrolment_ids=[enrolled.pk, waiting.pk], present=False) == 1
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.WAITING


def test_a_declared_self_paced_course_counts_only_once_confirmed(coordinator):
    course = CourseFactory(format=CourseFormat.ASYNCHRONOUS)
    user = UserFactory()
    completion = completion_declare(course=course, user=user)
    assert completion.status == CompletionStatus.DECLARED
    with pytest.raises(ValidationError, match="déjà"):
        completion_declare(course=course, user=user)
    assert completions_confirm(completion_ids=[completion.pk], by=coordinator) == 1
    completion.refresh_from_db()
    assert (completion.status, completion.confirmed_by) == (CompletionStatus.CONFIRMED,
                                                            coordinator)


def test_a_live_course_cannot_be_declared_done():
    with pytest.raises(ValidationError, match="à son rythme"):
        completion_declare(course=CourseFactory(format=CourseFormat.LIVE_ONLINE),
                           user=UserFactory())
