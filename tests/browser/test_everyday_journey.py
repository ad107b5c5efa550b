"""The journey as real people take it: numbers typed their way, each space one click away,
an engagement that starts by itself, account e-mails that read well."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jumelage.enums import PairingStatus
from jumelage.models import HoursDeclaration
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_hours_typed_with_a_comma_are_recorded_and_a_slip_is_caught(page, live_server):
    member = factories.MemberFactory()
    project = factories.ProjectFactory(hours_per_month=3)
    colleague = factories.TeamMembershipFactory(team=project.team).user
    pairing = factories.PairingFactory(member=member, project=project,
                                       status=PairingStatus.ACTIVE, started_at=timezone.now())
    log_in(page, live_server, member.user.email, factories.PASSWORD)
    assert serious_violations(page) == []
    page.get_by_role("link", name=f"Déclarer mes heures — {project.title}").click()
    assert serious_violations(page) == []
    page.get_by_role("textbox", name="Heures").fill("1,5")
    page.get_by_role("button", name="Déclarer ces heures").click()
    expect(page.get_by_text("Vos heures sont déclarées")).to_be_visible()
    expect(page.get_by_role("cell", name="1,5", exact=True)).to_be_visible()
    assert HoursDeclaration.objects.get(pairing=pairing).hours == Decimal("1.5")

    page.get_by_role("textbox", name="Heures").fill("15")
    page.get_by_role("button", name="Déclarer ces heures").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "16,5 heures en ")
    expect(page.get_by_role("alert")).to_contain_text("plus de trois fois les 3 heures")
    assert serious_violations(page) == []
    page.get_by_label("Je confirme ce nombre d'heures").check()
    page.get_by_role("button", name="Déclarer ces heures").click()
    expect(page.get_by_text("Vos heures sont déclarées")).to_be_visible()
    assert HoursDeclaration.objects.filter(pairing=pairing, unusual=True).count() == 1

    page.context.clear_cookies()
    log_in(page, live_server, colleague.email, factories.PASSWORD)
    page.goto(live_server.url + f"/equipe/projets/{project.pk}/")
    expect(page.get_by_text("Hors de l'ordinaire")).to_be_visible()
    assert serious_violations(page) == []


def _header(page):
    return page.get_by_role("navigation", name="Navigation principale")


def test_each_role_lands_in_its_space_and_reaches_it_again_from_the_header(page, live_server):
    member = factories.MemberFactory()
    colleague = factories.TeamMembershipFactory(team__name="Équipe Delta").user
    coordinator = factories.CoordinatorFactory()

    log_in(page, live_server, member.user.email, factories.PASSWORD)
    expect(page).to_have_url(re.compile(r"/espace/$"))
    _header(page).get_by_role("link", name="Projets").click()
    expect(page).to_have_url(re.compile(r"/projets/$"))
    assert serious_violations(page) == []
    _header(page).get_by_role("link", name="Mon espace").click()
    expect(page.get_by_role("heading", name="Invitations et engagements")).to_be_visible()
    assert serious_violations(page) == []

    page.context.clear_cookies()
    log_in(page, live_server, colleague.email, factories.PASSWORD)
    expect(page).to_have_url(re.compile(r"/equipe/$"))
    expect(page.get_by_text("Équipe Delta").first).to_be_visible()
    assert serious_violations(page) == []
    _header(page).get_by_role("link", name="Mon compte").click()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Ouvrir l'espace de mon équipe").click()
    expect(page).to_have_url(re.compile(r"/equipe/$"))
    _header(page).get_by_role("link", name="Formations").click()
    expect(page).to_have_url(re.compile(r"/formations/$"))
    assert serious_violations(page) == []
    _header(page).get_by_role("link", name="Mon équipe").click()
    expect(page).to_have_url(re.compile(r"/equipe/$"))

    page.context.clear_cookies()
    log_in(page, live_server, coordinator.email, factories.PASSWORD,
           second_factor=factories.TOTP_SECRET)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert serious_violations(page) == []
    page.goto(live_server.url + "/projets/")
    _header(page).get_by_role("link", name="Coordination").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_member_declares_hours_right_after_accepting(page, live_server):
    member = factories.MemberFactory()
    pairing = factories.PairingFactory(member=member, status=PairingStatus.APPROVED,
                                       approved_at=timezone.now())
    title = pairing.project.title
    log_in(page, live_server, member.user.email, factories.PASSWORD)
    assert serious_violations(page) == []
    page.get_by_role("link", name=f"Accepter — {title}").click()
    page.get_by_label("Je m'engage à garder confidentiels").check()
    assert serious_violations(page) == []
    page.get_by_role("button", name="J'accepte de participer").click()
    expect(page.get_by_text("Engagement en cours depuis le")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Déclarer mes heures").click()
    page.get_by_role("textbox", name="Heures").fill("2")
    page.get_by_role("button", name="Déclarer ces heures").click()
    expect(page.get_by_text("Vos heures sont déclarées")).to_be_visible()
    assert serious_violations(page) == []
    assert HoursDeclaration.objects.get(pairing=pairing).hours == 2


def test_the_confirmation_email_reads_well_and_its_link_logs_the_person_in(page,
                                                                           live_server):
    factories.EstablishmentFactory(name="CIUSSS de la Capitale-Nationale")
    page.goto(live_server.url + "/equipes/inscription/")
    assert serious_violations(page) == []
    page.get_by_label("Votre nom").fill("Nadia Nouvelle")
    page.get_by_label("Votre rôle dans l'équipe").fill("Chercheuse principale")
    page.get_by_label("Courriel").fill("nadia@exemple.ca")
    page.get_by_label("Mot de passe").fill("Un-mot-de-passe-solide-42")
    page.get_by_label("Nom de l'équipe").fill("Équipe Gamma")
    page.get_by_label("Type d'équipe").select_option("recherche")
    page.locator("#id_establishment").select_option(label="CIUSSS de la Capitale-Nationale")
    page.get_by_role("button", name="Inscrire mon équipe").click()
    expect(page.get_by_role("heading", name="Vérifiez vos courriels")).to_be_visible()
    assert serious_violations(page) == []

    email = Notification.objects.get(kind=NotificationKind.ACCOUNT, email="nadia@exemple.ca")
    assert email.subject == "[Communauté RUISSS UL] Confirmez votre adresse courriel"
    assert email.body_text.startswith("Bonjour Nadia Nouvelle,")
    assert "Communauté de pratique des citoyen(ne)s du RUISSS UL" in email.body_text
    assert "e-mail" not in email.body_text.lower()
    link = re.search(r"https?://\S+/comptes/confirm-email/\S+/", email.body_text).group(0)

    page.goto(live_server.url + urlsplit(link).path)
    expect(page.get_by_role("heading", name="Confirmer l'adresse courriel")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Confirmer").click()
    expect(page).to_have_url(re.compile(r"/equipe/$"))
    expect(page.get_by_text("Équipe Gamma").first).to_be_visible()
    assert serious_violations(page) == []


def test_a_newcomer_finds_a_door_from_the_login_page_and_the_generic_sign_up(page,
                                                                             live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Se connecter").click()
    assert serious_violations(page) == []
    page.get_by_role("main").get_by_role("link", name="Devenir membre").click()
    expect(page).to_have_url(re.compile(r"/rejoindre/"))
    assert serious_violations(page) == []
    page.go_back()
    page.get_by_role("link", name="Inscrire mon équipe").click()
    expect(page).to_have_url(re.compile(r"/equipes/inscription/$"))
    assert serious_violations(page) == []

    page.goto(live_server.url + "/comptes/signup/")
    expect(page.get_by_role("heading", name="Ouvrir un compte")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("main").get_by_role("link", name="Devenir membre").click()
    expect(page).to_have_url(re.compile(r"/rejoindre/"))
