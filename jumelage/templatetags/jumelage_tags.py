from django import template
from django.db.models import Exists, OuterRef

from jumelage.enums import EvaluationSide, PairingStatus
from jumelage.models import (
    DISCLOSED_STATUSES,
    ENGAGED_STATUSES,
    Evaluation,
    HoursDeclaration,
    Pairing,
)

register = template.Library()

CURRENT = ENGAGED_STATUSES
PAST = (PairingStatus.ENDED, PairingStatus.DECLINED, PairingStatus.CANCELLED)


def _evaluation_due(side):
    return Exists(Evaluation.objects.filter(pairing=OuterRef("pk"), side=side,
                                            submitted_at__isnull=True))


@register.simple_tag
def member_pairings(member):
    """The member's invitations to answer, current and past engagements: one query."""
    groups = {"invitations": [], "current": [], "past": []}
    pairings = (Pairing.objects.filter(member=member).exclude(status=PairingStatus.PROPOSED)
                .with_hours().annotate(evaluation_due=_evaluation_due(EvaluationSide.MEMBER))
                .select_related("project").order_by("-approved_at", "-pk")
                # What the member's space shows: building and reading every column of the
                # pairing and of its project costs more than the query itself.
                .only("status", "started_at", "project__title", "project__starts_on",
                      "project__contribution_shared_at", "project__contribution_outcome"))
    for pairing in pairings:
        if pairing.status == PairingStatus.APPROVED:
            groups["invitations"].append(pairing)
        elif pairing.status in CURRENT:
            groups["current"].append(pairing)
        else:
            groups["past"].append(pairing)
    groups["attestation"] = any(p.status in DISCLOSED_STATUSES for p in pairings)
    return groups


@register.simple_tag
def team_engagements(project):
    """A project's engagements with their hours, and the hours the team has to confirm."""
    pairings = (project.pairings.filter(status__in=DISCLOSED_STATUSES).with_hours()
                .annotate(evaluation_due=_evaluation_due(EvaluationSide.TEAM))
                .select_related("member__user").order_by("answered_at", "pk"))
    pending = (HoursDeclaration.objects.pending()
               .filter(pairing__project=project, pairing__status__in=DISCLOSED_STATUSES)
               .select_related("pairing__member__user").order_by("worked_on", "pk"))
    return {"pairings": pairings, "pending": pending}
