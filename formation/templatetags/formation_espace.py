from django import template
from django.utils import timezone

from formation.models import Completion, Enrolment

register = template.Library()


@register.simple_tag
def trainings_of(user):
    """What the dashboard shows of a person's trainings, in two queries (three when the
    person waits for a place). Declaring a self-paced course has its own page, linked
    from the dashboard: its choices are the catalogue's, not the person's."""
    enrolments = (Enrolment.objects.owned_by(user).open()
                  .filter(session__starts_at__gt=timezone.now())
                  .select_related("session__course").order_by("session__starts_at")
                  .placed_in_line())
    completions = Completion.objects.filter(user=user).select_related("course")
    return {"enrolments": enrolments, "completions": completions}
