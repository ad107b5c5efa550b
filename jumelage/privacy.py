"""The records this app keeps about a person (see communaute.personal_data).

Pairings, hours, payments and evaluations stay after an account is deleted, for the
indicators (and the payments for the accounts): every word in them, the person's or
the team's, is erased. Observations are the person's words only, and are deleted.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communaute.personal_data import Records, blank_text, register
from jumelage.models import (
    ENGAGED_STATUSES,
    CompensationPayment,
    Evaluation,
    HoursDeclaration,
    Observation,
    Pairing,
)


def _pairings(user):
    return Pairing.objects.filter(member__user=user)


def _observations(user):
    return Observation.objects.filter(pairing__member__user=user)


def _hours(user):
    return HoursDeclaration.objects.filter(pairing__member__user=user)


def _payments(user):
    return CompensationPayment.objects.filter(pairing__member__user=user)


def _evaluations(user):
    # The team's answers are about the person too.
    return Evaluation.objects.filter(pairing__member__user=user)


register(
    Records("pairings", _("Jumelages"), Pairing,
            lambda user: _pairings(user)
            .select_related("project", "member__user", "match_request", "approved_by"),
            erase=lambda user: blank_text(_pairings(user)),
            engaged=Q(pairings__status__in=ENGAGED_STATUSES)),
    Records("observations", _("Observations sur vos propositions"), Observation,
            lambda user: _observations(user).select_related("pairing__member__user",
                                                           "pairing__project"),
            erase=lambda user: _observations(user).delete()),
    Records("hours", _("Heures déclarées"), HoursDeclaration,
            lambda user: _hours(user)
            .select_related("pairing__member__user", "pairing__project", "confirmed_by"),
            erase=lambda user: blank_text(_hours(user))),
    Records("payments", _("Rémunérations versées"), CompensationPayment,
            lambda user: _payments(user)
            .select_related("pairing__member__user", "pairing__project", "recorded_by"),
            erase=lambda user: blank_text(_payments(user))),
    Records("evaluations", _("Questionnaires de fin d'engagement"), Evaluation,
            lambda user: _evaluations(user)
            .select_related("pairing__member__user", "pairing__project", "submitted_by"),
            erase=lambda user: blank_text(_evaluations(user))),
)
