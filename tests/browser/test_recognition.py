import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jumelage.enums import PairingStatus
from tests import factories
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_declares_hours_answers_the_questionnaire_and_prints_the_attestation(
        page, live_server):
    member = factories.MemberFactory()
    pairing = factories.PairingFactory(member=member, status=PairingStatus.ENDED,
                                       started_at=timezone.now(), ended_at=timezone.now())
    factories.EvaluationFactory(pairing=pairing, submitted_at=None, satisfaction=None)
    log_in(page, live_server, member.user.email, factories.PASSWORD)
    page.goto(live_server.url + "/espace/")
    page.get_by_role("link", name=f"Déclarer mes heures — {pairing.project.title}").click()
    assert serious_violations(page) == []
    page.get_by_role("textbox", name="Heures").fill("2.5")
    page.get_by_role("button", name="Déclarer ces heures").click()
    expect(page.get_by_role("cell", name="En attente de l'équipe")).to_be_visible()

    page.goto(live_server.url + "/espace/")
    page.get_by_role("link", name="Répondre au questionnaire de fin d'engagement").click()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez votre satisfaction de 1 à 5")
    assert serious_violations(page) == []
    page.get_by_label("4 — Satisfait(e)").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_text("Merci! Vos réponses sont envoyées.")).to_be_visible()

    page.get_by_role("link", name="Mon attestation d'implication (à imprimer)").click()
    expect(page.get_by_role("heading", name="Attestation d'implication")).to_be_visible()
    expect(page.get_by_role("cell", name=pairing.project.title)).to_be_visible()
    assert serious_violations(page) == []
