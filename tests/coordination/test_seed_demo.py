import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accompagnement.models import PlanAgreement, PlanVersion, SupportRequest
from activites.models import Activity, Registration
from communaute.models import Member, User
from coordination.management.commands.seed_demo import (
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    MEMBER_EMAIL,
    TEAM_EMAIL,
)
from jumelage.enums import PairingStatus
from jumelage.models import Pairing
from mentorat.models import CheckIn, Mentoring
from recrutement.models import Project
from ressources.models import Resource
from temoignages.models import Story
from tests.totp import totp

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Member.objects.count(), Project.objects.count(),
            Pairing.objects.count(), Activity.objects.count(), Registration.objects.count(),
            Resource.objects.count(), Story.objects.count(), SupportRequest.objects.count(),
            PlanVersion.objects.count(), Mentoring.objects.count(), CheckIn.objects.count())


def test_demo_data_loads_twice_without_duplicates():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert Pairing.objects.filter(member__user__email=MEMBER_EMAIL,
                                  status=PairingStatus.APPROVED).exists()
    assert Pairing.objects.filter(status=PairingStatus.ACCEPTED).exists()
    assert set(SupportRequest.objects.values_list("status", flat=True)) == {
        "recue", "en_cours", "fermee"}
    assert PlanAgreement.objects.filter(version__number=2).exists()
    assert set(Mentoring.objects.values_list("status", flat=True)) == {"approuve", "accepte"}
    assert CheckIn.objects.count() == 2
    assert Registration.objects.filter(status="attente").exists()
    assert Story.objects.published().count() == 2


def test_the_demo_toolbox_and_activities_are_open_to_visitors(client):
    call_command("seed_demo")
    pdf = Resource.objects.filter(public=True).exclude(file="").first()
    response = client.get(reverse("ressource_telecharger", args=[pdf.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    html = client.get(reverse("activites")).content.decode()
    assert "Rassemblement annuel de la communauté" in html
    assert "Douze personnes ont partagé" in html


@pytest.mark.parametrize("email, space", [(MEMBER_EMAIL, "espace"), (TEAM_EMAIL, "equipe")])
def test_each_demo_login_opens_its_space(client, email, space):
    call_command("seed_demo")
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse(space)).status_code == 200


def seed_demo_output() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def second_factors(output: str) -> tuple[str, str]:
    secret = re.search(r"oathtool --totp -b (\w+)", output).group(1)
    recovery_code = re.search(r"code de récupération \(une fois\) : (\d+)", output).group(1)
    return secret, recovery_code


def test_the_demo_coordinator_logs_in_with_the_printed_authenticator_secret(client):
    secret, _code = second_factors(seed_demo_output())
    assert secret == DEMO_TOTP_SECRET
    response = client.post(reverse("account_login"),
                           {"login": COORDINATOR_EMAIL, "password": DEMO_PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp(secret)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_printed_recovery_code_works_once_and_the_next_run_prints_another(client):
    _secret, code = second_factors(seed_demo_output())
    for attempt in range(2):
        client.post(reverse("account_login"),
                    {"login": COORDINATOR_EMAIL, "password": DEMO_PASSWORD})
        client.post(reverse("mfa_authenticate"), {"code": code})
        expected = 200 if attempt == 0 else 302
        assert client.get(reverse("admin:index")).status_code == expected
        client.post(reverse("account_logout"))
    _secret, next_code = second_factors(seed_demo_output())
    assert next_code != code


def test_the_readme_documents_the_demo_second_factor():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert DEMO_TOTP_SECRET in readme
