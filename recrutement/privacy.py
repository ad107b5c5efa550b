"""The records this app keeps about a person (see communaute.personal_data)."""

from django.utils.translation import gettext_lazy as _

from communaute.personal_data import Records, register
from recrutement.models import TeamMembership

register(
    Records("team_memberships", _("Équipes"), TeamMembership,
            lambda user: TeamMembership.objects.filter(user=user).select_related("team", "user"),
            erase=lambda user: TeamMembership.objects.filter(user=user).delete()),
)
