"""The records this app keeps about a person (see communaute.personal_data).

An offer is the person's own and is deleted with the account. Requests, mentorings,
their hours and check-ins stay for the indicators (and the other person's record),
emptied of every word.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communaute.personal_data import Records, blank_text, register
from mentorat.models import CheckIn, Mentoring, MentoringHours, MentoringRequest, MentorOffer


def _offers(user):
    return MentorOffer.objects.filter(member__user=user)


def _requests(user):
    return MentoringRequest.objects.filter(member__user=user)


def _mentorings(user):
    return Mentoring.objects.filter(Q(mentor__user=user) | Q(newcomer__user=user)
                                    | Q(request__member__user=user))


def _hours(user):
    return MentoringHours.objects.filter(mentoring__in=_mentorings(user))


def _check_ins(user):
    # The other side's answers are about the mentoring the person took part in.
    return CheckIn.objects.filter(mentoring__in=_mentorings(user))


register(
    Records("mentor_offers", _("Offre de mentorat"), MentorOffer,
            lambda user: _offers(user).select_related("member__user"),
            erase=lambda user: _offers(user).delete()),
    Records("mentoring_requests", _("Demandes de mentorat"), MentoringRequest,
            lambda user: _requests(user).select_related("member__user"),
            erase=lambda user: blank_text(_requests(user))),
    Records("mentorings", _("Mentorats"), Mentoring,
            lambda user: _mentorings(user).select_related("request__member__user",
                                                         "mentor__user", "newcomer__user",
                                                         "approved_by"),
            erase=lambda user: blank_text(_mentorings(user)),
            engaged=Q(mentorings_given__status="accepte")
            | Q(mentorings_received__status="accepte")),
    Records("mentoring_hours", _("Heures de mentorat"), MentoringHours,
            lambda user: _hours(user).select_related("mentoring__mentor__user",
                                                     "mentoring__newcomer__user"),
            erase=lambda user: blank_text(_hours(user))),
    Records("mentoring_check_ins", _("Bilans de mentorat"), CheckIn,
            lambda user: _check_ins(user).select_related("mentoring__mentor__user",
                                                         "mentoring__newcomer__user"),
            erase=lambda user: blank_text(_check_ins(user))),
)
