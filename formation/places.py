"""Places and waiting lists, shared by training sessions and community activities.

An offering (a session, an activity) has a `capacity`; people ask for a place with a
request row (an enrolment, a registration) that has a `user`, a `status`
(EnrolmentStatus) and a `created_at`. The functions that change requests expect the
offering's row to be locked by the caller's transaction, so that two people asking for
the last place at the same moment are served one after the other.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from formation.enums import EnrolmentStatus

# Statuses that hold a place: an attended or missed offering still used it.
HOLDS_A_PLACE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.ABSENT)
OPEN_STATUSES = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)


def with_places(queryset, requests: str):
    """Annotates `enrolled_count` and `waiting_count` through the relation `requests`."""
    return queryset.annotate(
        enrolled_count=Count(requests, filter=Q(**{f"{requests}__status__in": HOLDS_A_PLACE})),
        waiting_count=Count(requests, filter=Q(**{f"{requests}__status":
                                                  EnrolmentStatus.WAITING})),
    )


def places_left(offering) -> int:
    """Needs `with_places()`."""
    return max(offering.capacity - offering.enrolled_count, 0)


def places_taken(requests) -> int:
    return requests.filter(status__in=HOLDS_A_PLACE).count()


def place_claim(*, offering, requests, user, duplicate_message):
    """A place for `user` in `offering` (locked), or the end of its waiting list.

    `requests` is the offering's related manager of requests. Someone coming back after
    cancelling makes a new request, at the end of the waiting list.
    """
    previous = requests.filter(user=user).first()
    if previous is not None and previous.status != EnrolmentStatus.CANCELLED:
        raise ValidationError(duplicate_message, code="duplicate")
    status = (EnrolmentStatus.ENROLLED if places_taken(requests) < offering.capacity
              else EnrolmentStatus.WAITING)
    if previous is None:
        return requests.create(user=user, status=status)
    previous.status = status
    previous.created_at = timezone.now()
    previous.save(update_fields=["status", "created_at"])
    return previous


def place_release(*, request, not_cancellable_message) -> None:
    """Cancel an open request; the caller then offers the place (`waitlist_promote`)."""
    if request.status not in OPEN_STATUSES:
        raise ValidationError(not_cancellable_message, code="closed")
    request.status = EnrolmentStatus.CANCELLED
    request.save(update_fields=["status"])


def waitlist_promote(*, offering, requests) -> list:
    """Give the free places of `offering` (locked) to the people waiting, first come first
    served; returns the requests that got a place."""
    free = offering.capacity - places_taken(requests)
    if free <= 0:
        return []
    promoted = list(requests.filter(status=EnrolmentStatus.WAITING)
                    .select_related("user").order_by("created_at", "pk")[:free])
    for request in promoted:
        request.status = EnrolmentStatus.ENROLLED
        request.save(update_fields=["status"])
    return promoted


def attendance_mark(queryset, *, present: bool) -> int:
    """Mark people present or absent; cancelled requests and the waiting list stay."""
    return queryset.filter(status__in=HOLDS_A_PLACE).update(
        status=EnrolmentStatus.ATTENDED if present else EnrolmentStatus.ABSENT)


class RequestQuerySet(models.QuerySet):
    """Requests for places (enrolments, registrations); `offering` names the foreign key
    to what they ask a place in."""

    offering = ""

    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def placed_in_line(self) -> list:
        """The requests, each with `waiting_position`: 1 for the first person waiting, 0
        when not waiting. The positions cost one more query, only when someone waits: most
        pages that list requests show no waiting list at all."""
        requests = list(self)
        waiting = [request for request in requests
                   if request.status == EnrolmentStatus.WAITING]
        for request in requests:
            request.waiting_position = 0
        if waiting:
            key = f"{self.offering}_id"
            lines = {}
            for offering, pk in (self.model.objects
                                 .filter(**{f"{key}__in": {getattr(r, key) for r in waiting}},
                                         status=EnrolmentStatus.WAITING)
                                 .order_by("created_at", "pk").values_list(key, "pk")):
                line = lines.setdefault(offering, {})
                line[pk] = len(line) + 1
            for request in waiting:
                request.waiting_position = lines[getattr(request, key)][request.pk]
        return requests
