"""The records this app keeps about a person (see communaute.personal_data).

Enrolments and completions stay after an account is deleted: they hold nothing but the
course and the dates, and the indicators count them.
"""

from django.utils.translation import gettext_lazy as _

from communaute.personal_data import Records, register
from formation.models import Completion, Enrolment

register(
    Records("enrolments", _("Inscriptions aux formations"), Enrolment,
            lambda user: Enrolment.objects.filter(user=user).select_related("session__course",
                                                                            "user")),
    Records("completions", _("Formations complétées"), Completion,
            lambda user: Completion.objects.filter(user=user)
            .select_related("course", "user", "confirmed_by")),
)
