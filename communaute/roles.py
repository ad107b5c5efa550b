"""The one place that answers who a user is on the platform.

Three roles: a member of the community (a communaute.Member profile), a team member
(a recrutement.TeamMembership), and a coordinator (group "Coordination", staff access).
Views protect themselves with the decorators below; the objects a user may reach come
from each model's `visible_to(user)` queryset.
"""

import operator
from functools import reduce, wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q

COORDINATION_GROUP = "Coordination"


def is_coordinator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_coordinator", None)
    if cached is None:
        cached = user.is_staff and user.groups.filter(name=COORDINATION_GROUP).exists()
        user._is_coordinator = cached
    return cached


def member_of(user):
    """The user's member profile, or None."""
    if not user.is_authenticated:
        return None
    try:
        return user.member
    except ObjectDoesNotExist:
        return None


def is_member(user) -> bool:
    return member_of(user) is not None


def is_team_member(user) -> bool:
    if not user.is_authenticated:
        return False
    # Set for the signed-in person by communaute.backends.
    cached = getattr(user, "_is_team_member", None)
    if cached is None:
        cached = user.team_memberships.exists()
        user._is_team_member = cached
    return cached


def is_participant(user) -> bool:
    """Anyone with a role on the platform: trainings are open to all of them."""
    return is_member(user) or is_team_member(user) or is_coordinator(user)


def _role_required(check):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


member_required = _role_required(is_member)
team_member_required = _role_required(is_team_member)
coordinator_required = _role_required(is_coordinator)
participant_required = _role_required(is_participant)


class ScopedQuerySet(models.QuerySet):
    """Rows scoped to a user: all for coordinators, none for anonymous visitors, and for
    anyone else the rows they reach through one of `owner_paths` (lookups to a user)."""

    owner_paths: tuple[str, ...] = ()

    def visible_to(self, user):
        if is_coordinator(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(reduce(operator.or_, [Q(**{path: user}) for path in self.owner_paths]))
