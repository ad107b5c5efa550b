"""Reads of engagement plans shared by pages, tags and the project's continuum step."""

from django.db.models import Max

from accompagnement.models import PlanLine, PlanVersion
from communaute.models import Member
from jumelage.models import ENGAGED_STATUSES


def current_version(project) -> PlanVersion | None:
    return (PlanVersion.objects.filter(plan__project=project).order_by("-number")
            .prefetch_related("lines__phase").first())


def planned_step(project) -> int | None:
    """The highest step of the project's current plan, None without a plan."""
    latest = PlanVersion.objects.filter(plan__project=project).order_by("-number")[:1]
    return (PlanLine.objects.filter(version__in=latest)
            .aggregate(step=Max("continuum_step"))["step"])


def partners(project):
    """Members engaged in the project, accepted or under way: they read the plan."""
    return (Member.objects.filter(pairings__project=project,
                                  pairings__status__in=ENGAGED_STATUSES)
            .select_related("user").distinct().order_by("pk"))
