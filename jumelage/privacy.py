"""The records this app keeps about a person (see communaute.personal_data).

Pairings, hours and evaluations stay after an account is deleted, for the indicators;
what the person or the team wrote in them is erased.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communaute.personal_data import Records, register
from jumelage.enums import EvaluationSide
from jumelage.models import ENGAGED_STATUSES, Evaluation, HoursDeclaration, Pairing


def _pairings_erase(user):
    Pairing.objects.filter(member__user=user).update(
        interest_message="", decline_reason="", feedback="", inputs={}, factors=[])


def _hours_erase(user):
    HoursDeclaration.objects.filter(pairing__member__user=user).update(note="")


def _evaluations_erase(user):
    # The team's answers may name the person too; the scores stay for the indicators.
    Evaluation.objects.filter(pairing__member__user=user).update(what_worked="", effect="")


register(
    Records("pairings", _("Jumelages"), Pairing,
            lambda user: Pairing.objects.filter(member__user=user)
            .select_related("project", "member__user", "match_request", "approved_by"),
            erase=_pairings_erase, engaged=Q(pairings__status__in=ENGAGED_STATUSES)),
    Records("hours", _("Heures déclarées"), HoursDeclaration,
            lambda user: HoursDeclaration.objects.filter(pairing__member__user=user)
            .select_related("pairing__member__user", "pairing__project", "confirmed_by"),
            erase=_hours_erase),
    Records("evaluations", _("Questionnaires de fin d'engagement"), Evaluation,
            lambda user: Evaluation.objects.filter(pairing__member__user=user,
                                                   side=EvaluationSide.MEMBER)
            .select_related("pairing__member__user", "pairing__project", "submitted_by"),
            erase=_evaluations_erase),
)
