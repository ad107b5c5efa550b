"""The authentication backends: Django's and allauth's, each loading the signed-in person
once per request with what every page asks of them.

The header, the permission checks and the member space all read the person's member
profile (with its region) and whether they belong to a team: one query instead of three.
"""

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model
from django.db.models import Exists, OuterRef


def _user_with_roles(user_id):
    User = get_user_model()
    # recrutement sits above communaute: its membership model is reached through the
    # relation, not imported.
    memberships = User._meta.get_field("team_memberships").related_model
    return (User._default_manager.select_related("member__region")
            .annotate(_is_team_member=Exists(memberships.objects.filter(user=OuterRef("pk"))))
            .filter(pk=user_id).first())


class RolesLoadingMixin:
    def get_user(self, user_id):
        user = _user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(RolesLoadingMixin, backends.ModelBackend):
    pass


class AuthenticationBackend(RolesLoadingMixin, auth_backends.AuthenticationBackend):
    pass
