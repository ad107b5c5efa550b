import pytest
from django.urls import reverse

from communaute import roles

pytestmark = pytest.mark.django_db


def test_each_persona_has_exactly_its_role(patient, team_member, coordinator, outsider):
    assert (roles.is_member(patient.user), roles.is_team_member(patient.user),
            roles.is_coordinator(patient.user)) == (True, False, False)
    assert (roles.is_member(team_member), roles.is_team_member(team_member),
            roles.is_coordinator(team_member)) == (False, True, False)
    assert (roles.is_member(coordinator), roles.is_team_member(coordinator),
            roles.is_coordinator(coordinator)) == (False, False, True)
    assert (roles.is_member(outsider), roles.is_team_member(outsider),
            roles.is_coordinator(outsider)) == (False, False, False)


def test_staff_outside_the_coordination_group_is_not_a_coordinator(outsider):
    outsider.is_staff = True
    outsider.save()
    assert not roles.is_coordinator(outsider)


@pytest.mark.parametrize("persona, expected", [
    (None, 302), ("patient", 200), ("team_member", 200), ("coordinator", 200),
    ("outsider", 200),
])
def test_personal_space_permissions(request, client_for, persona, expected):
    user = None
    if persona:
        value = request.getfixturevalue(persona)
        user = getattr(value, "user", value)
    assert client_for(user).get(reverse("espace")).status_code == expected
