import pytest
from django.core.management import call_command
from django.urls import reverse

from communaute.models import Member, User
from coordination.management.commands.seed_demo import (
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    MEMBER_EMAIL,
    TEAM_EMAIL,
)
from jumelage.enums import PairingStatus
from jumelage.models import Pairing
from recrutement.models import Project

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Member.objects.count(), Project.objects.count(),
            Pairing.objects.count())


def test_demo_data_loads_twice_without_duplicates():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert Pairing.objects.filter(member__user__email=MEMBER_EMAIL,
                                  status=PairingStatus.APPROVED).exists()
    assert Pairing.objects.filter(status=PairingStatus.ACCEPTED).exists()


@pytest.mark.parametrize("email, space", [
    (MEMBER_EMAIL, "espace"), (TEAM_EMAIL, "equipe"), (COORDINATOR_EMAIL, "admin:index"),
])
def test_each_demo_login_opens_its_space(client, email, space):
    call_command("seed_demo")
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse(space)).status_code == 200
