"""What the pages of lower apps show of support and engagement plans."""

from django import template
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from accompagnement.models import (
    OPEN_SUPPORT_STATUSES,
    PlanAgreement,
    PlanVersion,
    SupportRequest,
)
from accompagnement.plans import current_version
from jumelage.models import ENGAGED_STATUSES, Pairing
from recrutement.models import Project

register = template.Library()


@register.inclusion_tag("accompagnement/_plan_resume.html")
def plan_summary(project):
    """The phases of the project's current plan and how far partners go in each."""
    # Most projects have no plan: the project page reads that with the project's row.
    version = (current_version(project) if getattr(project, "engagement_plan", None)
               else None)
    return {"project": project, "version": version,
            "lines": version.lines.all() if version else []}


@register.simple_tag
def member_plans(member):
    """The projects the member is engaged in that have a plan, each with whether the
    member agreed with its current version."""
    engaged = Pairing.objects.filter(member=member, status__in=ENGAGED_STATUSES)
    latest = (PlanVersion.objects.filter(plan__project=OuterRef(OuterRef("pk")))
              .order_by("-number").values("number")[:1])
    return (Project.objects.filter(pk__in=engaged.values("project_id"),
                                   engagement_plan__isnull=False)
            .annotate(agreed=Exists(PlanAgreement.objects.filter(
                member=member, version__plan__project=OuterRef("pk"),
                version__number=Subquery(latest))))
            .order_by("title").only("title"))


@register.simple_tag
def team_support(user):
    """How many of the user's teams' support requests are open, for the team space."""
    return SupportRequest.objects.filter(team__memberships__user=user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_SUPPORT_STATUSES)), total=Count("pk"))


@register.simple_tag
def project_plan(project):
    return current_version(project)
