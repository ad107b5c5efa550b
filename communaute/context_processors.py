from functools import cached_property

from communaute import roles as role_checks


class Roles:
    """Which spaces the navigation offers, each computed only if a template asks for it:
    most pages ask only whether the visitor is a coordinator."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def member(self) -> bool:
        return role_checks.is_member(self.user)

    @cached_property
    def team_member(self) -> bool:
        return role_checks.is_team_member(self.user)

    @cached_property
    def coordinator(self) -> bool:
        return role_checks.is_coordinator(self.user)


def roles(request):
    return {"roles": Roles(request.user)}
