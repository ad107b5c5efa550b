from django import template

from activites.models import Activity, Registration
from communaute.roles import member_of

register = template.Library()

SUGGESTED = 5


@register.simple_tag
def activities_of(user):
    """What a person's space shows of activities: their coming registrations, and the
    coming activities they have not asked for, those of their region first."""
    registrations = (Registration.objects.owned_by(user).open()
                     .filter(activity__in=Activity.objects.coming())
                     .select_related("activity__region").order_by("activity__starts_at")
                     .placed_in_line())
    member = member_of(user)
    region = member.region if member is not None else None
    suggested = (Activity.objects.coming()
                 .exclude(pk__in=[r.activity_id for r in registrations])
                 .select_related("region").region_first(region)[:SUGGESTED])
    return {"registrations": registrations, "suggested": suggested, "region": region}
