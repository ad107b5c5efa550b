from django import template
from django.db.models import Count, Q

from mentorat.enums import MentoringStatus
from mentorat.models import Mentoring

register = template.Library()


@register.simple_tag
def mentoring_summary(member):
    """How many proposals await the member's answer, for the member space."""
    return Mentoring.objects.filter(status=MentoringStatus.APPROVED).aggregate(to_answer=Count(
        "pk", filter=Q(mentor=member, mentor_accepted_at__isnull=True)
        | Q(newcomer=member, newcomer_accepted_at__isnull=True)))
