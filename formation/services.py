from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communaute.models import User
from formation import phrases, places
from formation.calendar import session_attachment
from formation.enums import CompletionStatus, EnrolmentStatus
from formation.models import Completion, Course, Enrolment, Session
from formation.signals import completions_changed
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue

# A session starting within this delay gets its reminder (the task runs every hour).
REMINDER_AHEAD = timedelta(hours=24)


def _notify(*, kind: str, template: str, enrolment: Enrolment, attach_session: bool,
            dedup_key: str | None = None) -> None:
    user = enrolment.user
    session = enrolment.session
    notification_queue(
        kind=kind, email=user.email, recipient=user, language=user.preferred_language,
        template=f"formation/courriels/{template}",
        context={"user": user, "session": session, "course": session.course,
                 "enrolment": enrolment},
        dedup_key=dedup_key,
        attachments=[session_attachment(session)] if attach_session else None,
    )


def _lock_session(session_id: int) -> Session:
    return Session.objects.select_for_update().select_related("course").get(pk=session_id)


def _check_audience(course: Course, user: User) -> None:
    if not course.welcomes(user):
        raise ValidationError(phrases.OTHER_AUDIENCE[course.audience], code="audience")


@transaction.atomic
def enrolment_create(*, session: Session, user: User) -> Enrolment:
    """Enrol `user`, or put them on the waiting list when the session is full.

    The session row is locked while places are counted, so two people asking for the
    last place at the same moment are served one after the other.
    """
    session = _lock_session(session.pk)
    if not session.course.active:
        raise ValidationError(phrases.COURSE_WITHDRAWN, code="withdrawn")
    _check_audience(session.course, user)
    if timezone.now() >= session.registration_deadline:
        raise ValidationError(phrases.DEADLINE_PASSED, code="deadline")
    enrolment = places.place_claim(offering=session, requests=session.enrolments, user=user,
                                   duplicate_message=phrases.ALREADY_ENROLLED)
    _notify(kind=NotificationKind.ENROLMENT, template="inscription", enrolment=enrolment,
            attach_session=enrolment.status == EnrolmentStatus.ENROLLED)
    return enrolment


def _waitlist_promote(session: Session) -> list[Enrolment]:
    """Give the free places to the people waiting, first come first served."""
    promoted = places.waitlist_promote(offering=session, requests=session.enrolments)
    for enrolment in promoted:
        enrolment.session = session
        _notify(kind=NotificationKind.WAITLIST_PROMOTED, template="place_liberee",
                enrolment=enrolment, attach_session=True)
    return promoted


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment) -> list[Enrolment]:
    """Cancel an enrolment; a freed place goes to the first person waiting.

    Returns the enrolments that moved from the waiting list to a place.
    """
    session = _lock_session(enrolment.session_id)
    enrolment = Enrolment.objects.select_related("user").get(pk=enrolment.pk)
    if enrolment.status in places.OPEN_STATUSES and session.starts_at <= timezone.now():
        raise ValidationError(phrases.SESSION_STARTED, code="started")
    places.place_release(request=enrolment, not_cancellable_message=phrases.NOT_CANCELLABLE)
    return _waitlist_promote(session)


@transaction.atomic
def session_fill_from_waitlist(*, session: Session) -> list[Enrolment]:
    """After a coordinator adds places, offer them to the people waiting."""
    return _waitlist_promote(_lock_session(session.pk))


@transaction.atomic
def attendance_record(*, enrolment_ids: list[int], present: bool) -> int:
    """Mark people present or absent; cancelled requests and the waiting list stay as they are."""
    return places.attendance_mark(Enrolment.objects.filter(pk__in=enrolment_ids),
                                  present=present)


@transaction.atomic
def completion_record(*, enrolment_ids: list[int], by: User) -> int:
    """The people of these enrolments attended and completed the course: confirm it."""
    enrolments = list(Enrolment.objects.filter(pk__in=enrolment_ids,
                                               status__in=places.HOLDS_A_PLACE)
                      .select_related("session"))
    for enrolment in enrolments:
        enrolment.status = EnrolmentStatus.ATTENDED
        enrolment.save(update_fields=["status"])
        Completion.objects.update_or_create(
            course_id=enrolment.session.course_id, user_id=enrolment.user_id,
            defaults={"status": CompletionStatus.CONFIRMED, "confirmed_by": by,
                      "completed_on": timezone.localdate(enrolment.session.ends_at)})
    return len(enrolments)


@transaction.atomic
def completion_declare(*, course: Course, user: User) -> Completion:
    """A person says they finished a self-paced course; a coordinator confirms later."""
    if not course.active or not course.is_asynchronous:
        raise ValidationError(phrases.NOT_DECLARABLE, code="not_async")
    _check_audience(course, user)
    completion, created = Completion.objects.get_or_create(
        course=course, user=user, defaults={"status": CompletionStatus.DECLARED})
    if not created:
        raise ValidationError(phrases.ALREADY_DECLARED, code="duplicate")
    return completion


@transaction.atomic
def completions_confirm(*, completion_ids: list[int], by: User) -> int:
    confirmed = (Completion.objects.filter(pk__in=completion_ids,
                                           status=CompletionStatus.DECLARED)
                 .update(status=CompletionStatus.CONFIRMED, confirmed_by=by))
    # An update sends no save signal: what counts completions is told here.
    completions_changed()
    return confirmed


def session_reminders_send(*, now=None) -> int:
    """Remind the people enrolled in each session starting within a day; once per session.

    Each session is claimed with a conditional update, so two runs never remind twice;
    the per-enrolment dedup key guards the e-mails themselves.
    """
    now = now or timezone.now()
    sent = 0
    due = Session.objects.filter(reminder_sent_at=None, starts_at__gt=now,
                                 starts_at__lte=now + REMINDER_AHEAD, course__active=True)
    for session_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            if not Session.objects.filter(pk=session_id, reminder_sent_at=None).update(
                    reminder_sent_at=now):
                continue
            enrolments = (Enrolment.objects.filter(session_id=session_id,
                                                   status=EnrolmentStatus.ENROLLED)
                          .select_related("user", "session__course"))
            for enrolment in enrolments:
                _notify(kind=NotificationKind.SESSION_REMINDER, template="rappel_seance",
                        enrolment=enrolment, attach_session=True,
                        dedup_key=f"formation:rappel:{enrolment.pk}")
                sent += 1
    return sent
