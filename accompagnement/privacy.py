"""The records this app keeps about a person (see communaute.personal_data).

A team's support request belongs to the team; the messages a person wrote in it stay
for the team's record, emptied of their words. A person's comments on a plan are their
words only, and are deleted; their agreements, which hold nothing but a date, stay.
"""

from django.utils.translation import gettext_lazy as _

from accompagnement.models import PlanAgreement, PlanComment, SupportMessage
from communaute.personal_data import Records, blank_text, register


def _messages(user):
    return SupportMessage.objects.filter(author=user)


def _comments(user):
    return PlanComment.objects.filter(author=user)


def _agreements(user):
    return PlanAgreement.objects.filter(member__user=user)


register(
    Records("support_messages", _("Messages sur les demandes de soutien"), SupportMessage,
            lambda user: _messages(user).select_related("request__team", "author"),
            erase=lambda user: blank_text(_messages(user))),
    Records("plan_comments", _("Commentaires sur les plans d'engagement"), PlanComment,
            lambda user: _comments(user).select_related("version__plan__project", "author"),
            erase=lambda user: _comments(user).delete()),
    Records("plan_agreements", _("Accords sur les plans d'engagement"), PlanAgreement,
            lambda user: _agreements(user).select_related("version__plan__project",
                                                          "member__user")),
)
