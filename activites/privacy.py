"""The records this app keeps about a person (see communaute.personal_data).

Registrations stay after an account is deleted: they hold nothing but the activity and
the dates, and the indicators count the attendance.
"""

from django.utils.translation import gettext_lazy as _

from activites.models import Registration
from communaute.personal_data import Records, register

register(
    Records("activity_registrations", _("Inscriptions aux activités"), Registration,
            lambda user: Registration.objects.filter(user=user).select_related("activity",
                                                                               "user")),
)
