from django import template

from jumelage.enums import PairingStatus
from jumelage.models import Pairing

register = template.Library()

CURRENT = (PairingStatus.ACCEPTED, PairingStatus.ACTIVE)
PAST = (PairingStatus.ENDED, PairingStatus.DECLINED, PairingStatus.CANCELLED)


@register.simple_tag
def member_pairings(member):
    """The member's invitations to answer, current and past engagements: one query."""
    groups = {"invitations": [], "current": [], "past": []}
    pairings = (Pairing.objects.filter(member=member).exclude(status=PairingStatus.PROPOSED)
                .select_related("project").order_by("-approved_at", "-pk"))
    for pairing in pairings:
        if pairing.status == PairingStatus.APPROVED:
            groups["invitations"].append(pairing)
        elif pairing.status in CURRENT:
            groups["current"].append(pairing)
        else:
            groups["past"].append(pairing)
    return groups
