"""The records this app keeps about a person (see communaute.personal_data).

A project whose contact person deletes their account keeps no contact until the team
names another; invitations to the person's address are deleted.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communaute.personal_data import Records, register
from recrutement.models import Project, TeamInvitation, TeamMembership


def _invitations(user):
    return TeamInvitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))


def _contact_of(user):
    return Project.objects.filter(contact_email__iexact=user.email)


register(
    Records("team_memberships", _("Équipes"), TeamMembership,
            lambda user: TeamMembership.objects.filter(user=user).select_related("team", "user"),
            erase=lambda user: TeamMembership.objects.filter(user=user).delete()),
    Records("team_invitations", _("Invitations dans une équipe"), TeamInvitation,
            lambda user: _invitations(user).select_related("team", "invited_by",
                                                          "accepted_by"),
            erase=lambda user: _invitations(user).delete()),
    Records("project_contacts", _("Projets dont vous êtes la personne-ressource"), Project,
            lambda user: _contact_of(user).select_related("team", "created_by")
            .prefetch_related("health_topics", "regions", "required_courses"),
            erase=lambda user: _contact_of(user).update(contact_name="", contact_email="")),
)
