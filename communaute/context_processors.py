from django.utils.functional import SimpleLazyObject

from communaute import roles as role_checks


def roles(request):
    """Which spaces the navigation offers, computed only if a template asks."""

    def compute():
        user = request.user
        return {
            "member": role_checks.is_member(user),
            "team_member": role_checks.is_team_member(user),
            "coordinator": role_checks.is_coordinator(user),
        }

    return {"roles": SimpleLazyObject(compute)}
