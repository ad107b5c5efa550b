from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from activites import phrases
from activites.models import Activity, Registration
from communaute.models import User
from formation import places
from formation.calendar import event_ics, ics_attachment
from formation.enums import EnrolmentStatus
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue

# An activity starting within this delay gets its reminder (the task runs every hour).
REMINDER_AHEAD = timedelta(hours=24)


def activity_attachment(activity: Activity) -> dict:
    location = ", ".join(part for part in [activity.place, activity.region and activity.region.name]
                         if part)
    return ics_attachment("activite.ics", event_ics(
        uid=f"activite-{activity.pk}", starts_at=activity.starts_at, ends_at=activity.ends_at,
        title=activity.title, description=activity.description, location=location,
        url=activity.link or activity.get_absolute_url()))


def _notify(*, kind: str, template: str, registration: Registration,
            dedup_key: str | None = None) -> None:
    """The calendar file, and the online link, go only to a person who has a place."""
    user = registration.user
    activity = registration.activity
    has_place = registration.status == EnrolmentStatus.ENROLLED
    notification_queue(
        kind=kind, email=user.email, recipient=user, language=user.preferred_language,
        template=f"activites/courriels/{template}",
        context={"user": user, "activity": activity, "registration": registration,
                 "has_place": has_place},
        dedup_key=dedup_key,
        attachments=[activity_attachment(activity)] if has_place else None,
    )


def _lock(activity_id: int) -> Activity:
    # The region may be null: lock the activity row only (an outer join cannot be locked).
    return (Activity.objects.select_for_update(of=("self",)).select_related("region")
            .get(pk=activity_id))


@transaction.atomic
def registration_create(*, activity: Activity, user: User) -> Registration:
    """Register `user`, or put them on the waiting list when the activity is full.

    The activity row is locked while places are counted, so two people asking for the
    last place at the same moment are served one after the other.
    """
    activity = _lock(activity.pk)
    if not activity.published or activity.starts_at <= timezone.now():
        raise ValidationError(phrases.NOT_OPEN, code="closed")
    if timezone.now() >= activity.registration_deadline:
        raise ValidationError(phrases.DEADLINE_PASSED, code="deadline")
    registration = places.place_claim(offering=activity, requests=activity.registrations,
                                      user=user, duplicate_message=phrases.ALREADY_REGISTERED)
    registration.activity = activity
    _notify(kind=NotificationKind.ACTIVITY_REGISTRATION, template="inscription",
            registration=registration)
    return registration


def _waitlist_promote(activity: Activity) -> list[Registration]:
    promoted = places.waitlist_promote(offering=activity, requests=activity.registrations)
    for registration in promoted:
        registration.activity = activity
        _notify(kind=NotificationKind.ACTIVITY_PLACE, template="place_liberee",
                registration=registration)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration) -> list[Registration]:
    """Cancel a registration; a freed place goes to the first person waiting.

    Returns the registrations that moved from the waiting list to a place.
    """
    activity = _lock(registration.activity_id)
    registration = Registration.objects.select_related("user").get(pk=registration.pk)
    if registration.status in places.OPEN_STATUSES and activity.starts_at <= timezone.now():
        raise ValidationError(phrases.STARTED, code="started")
    places.place_release(request=registration, not_cancellable_message=phrases.NOT_CANCELLABLE)
    return _waitlist_promote(activity)


@transaction.atomic
def activity_fill_from_waitlist(*, activity: Activity) -> list[Registration]:
    """After a coordinator adds places, offer them to the people waiting."""
    return _waitlist_promote(_lock(activity.pk))


@transaction.atomic
def attendance_record(*, registration_ids: list[int], present: bool) -> int:
    """Mark people present or absent; the people present see the shared documents."""
    return places.attendance_mark(Registration.objects.filter(pk__in=registration_ids),
                                  present=present)


def activity_reminders_send(*, now=None) -> int:
    """Remind the people registered to each activity starting within a day; once per activity.

    Each activity is claimed with a conditional update, so two runs never remind twice;
    the per-registration dedup key guards the e-mails themselves.
    """
    now = now or timezone.now()
    sent = 0
    due = Activity.objects.filter(reminder_sent_at=None, published=True, starts_at__gt=now,
                                  starts_at__lte=now + REMINDER_AHEAD)
    for activity_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            if not Activity.objects.filter(pk=activity_id, reminder_sent_at=None).update(
                    reminder_sent_at=now):
                continue
            registrations = (Registration.objects.filter(activity_id=activity_id,
                                                         status=EnrolmentStatus.ENROLLED)
                             .select_related("user", "activity__region"))
            for registration in registrations:
                _notify(kind=NotificationKind.ACTIVITY_REMINDER, template="rappel",
                        registration=registration,
                        dedup_key=f"activites:rappel:{registration.pk}")
                sent += 1
    return sent
