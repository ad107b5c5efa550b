"""A coordinator approves a pairing from the admin; the member accepts from the e-mail."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from jumelage.enums import PairingStatus
from jumelage.models import Pairing
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.browser.conftest import fill_login, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_approves_a_candidate_and_the_member_accepts_from_the_email(
        page, live_server):
    base = live_server.url
    membership = factories.TeamMembershipFactory(user__email="equipe@exemple.ca",
                                                 user__display_name="Thomas Équipe")
    project = factories.ProjectFactory(team=membership.team, title="Mieux vivre avec le diabète")
    match_request = factories.MatchRequestFactory(project=project)
    member = factories.MemberFactory(user__email="paule@exemple.ca",
                                     user__display_name="Paule Patiente")
    factories.CoordinatorFactory(email="coordo@exemple.ca")

    page.goto(base + reverse("admin:jumelage_candidats", args=[match_request.pk]))
    fill_login(page, "coordo@exemple.ca", factories.PASSWORD, factories.TOTP_SECRET)
    expect(page.get_by_role("heading", name="Candidat(e)s pour « Mieux vivre avec le diabète »")
           ).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Paule Patiente")
    expect(row.get_by_text("Domaine Recherche demandé, dans ses domaines : +15")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Paule Patiente").check()
    page.get_by_role("button", name="Approuver et inviter les personnes choisies").click()
    expect(page.get_by_text("1 personne invitée.")).to_be_visible()

    [invitation] = [m for m in mail.outbox if m.to == ["paule@exemple.ca"]]
    accept_link = re.search(r"https?://\S+/accepter/", invitation.body).group(0)
    page.context.clear_cookies()
    page.goto(base + urlsplit(accept_link).path)
    fill_login(page, "paule@exemple.ca", factories.PASSWORD)
    expect(page.get_by_role("heading", name="Accepter l'invitation")).to_be_visible()
    page.get_by_role("button", name="J'accepte de participer").click()
    expect(page.get_by_text("Pour accepter, prenez l'engagement à la confidentialité.").first
           ).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Je m'engage à garder confidentiels").check()
    page.get_by_role("button", name="J'accepte de participer").click()
    expect(page.get_by_text("Merci! L'équipe est avertie")).to_be_visible()
    expect(page.get_by_role("heading", name="Pourquoi vous a-t-on proposé(e)?")).to_be_visible()
    assert serious_violations(page) == []

    assert Pairing.objects.get(member=member).status == PairingStatus.ACTIVE
    assert Notification.objects.filter(kind=NotificationKind.TEAM_ANSWER,
                                       email="equipe@exemple.ca").exists()
    page.context.clear_cookies()
    page.goto(base + reverse("equipe_projet", args=[project.pk]))
    fill_login(page, "equipe@exemple.ca", factories.PASSWORD)
    expect(page.get_by_text("Paule Patiente").first).to_be_visible()
