import pytest
from playwright.sync_api import expect

from communaute.enums import MemberStatus
from communaute.models import Member
from tests import factories
from tests.browser.conftest import DESKTOP, PHONE, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Un-jardin-au-printemps-2026"


def _continue(page):
    page.get_by_role("button", name="Continuer").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telephone", "ordinateur"])
def test_a_new_person_joins_in_french_and_corrects_a_mistake(page, live_server, viewport):
    # A transactional test empties the tables, reference lists included: put back the two used.
    factories.RegionFactory(name="Chaudière-Appalaches", code="12")
    factories.HealthTopicFactory(name="Vieillissement")
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Devenir membre").first.click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 1 sur 6")
    assert serious_violations(page) == []

    form = page.locator("main form")
    form.get_by_role("textbox", name="Courriel").fill("josee.essai@exemple.ca")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD + "x")
    form.get_by_label("Nom d'usage").fill("Josée")
    form.get_by_label("Nom légal").fill("Josée Essai")
    _continue(page)
    # The mistake: the two passwords differ. The message is beside the field, the rest stays.
    expect(page.locator("#id_password2_error")).to_contain_text("pas identiques")
    expect(page.locator("#id_password2")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("Nom d'usage")).to_have_value("Josée")
    assert serious_violations(page) == []
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    _continue(page)

    expect(page.get_by_role("heading", level=2)).to_contain_text("Qui vous êtes")
    assert serious_violations(page) == []
    page.get_by_label("Proche aidant(e)").check()
    page.get_by_label("65 à 74 ans").check()
    page.get_by_label("Région").select_option(label="Chaudière-Appalaches (12)")
    page.get_by_label("Municipalité").fill("Lévis")
    page.locator("fieldset", has_text="Langues parlées").get_by_label("Français").check()
    _continue(page)

    expect(page.get_by_role("heading", level=2)).to_contain_text("Votre vécu")
    assert serious_violations(page) == []
    page.get_by_label("Vieillissement").check()
    page.get_by_label("J'accepte que la communauté conserve").check()
    _continue(page)

    expect(page.get_by_role("heading", level=2)).to_contain_text("Ce que vous souhaitez")
    assert serious_violations(page) == []
    page.get_by_label("Soins et services").check()
    page.get_by_label("Collaboration").check()
    page.get_by_label("À distance").check()
    _continue(page)

    expect(page.get_by_role("heading", level=2)).to_contain_text("Expérience et équité")
    assert serious_violations(page) == []
    page.get_by_label("Comment avez-vous connu la communauté?").fill("Au CLSC")
    _continue(page)

    expect(page.get_by_role("heading", level=2)).to_contain_text("Consentements")
    expect(page.get_by_text("Lévis")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("J'accepte que mon profil serve").check()
    page.get_by_role("button", name="Envoyer mon inscription").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("inscription est envoyée")
    assert serious_violations(page) == []
    member = Member.objects.get(user__email="josee.essai@exemple.ca")
    assert member.status == MemberStatus.PENDING
    assert member.kinds == ["proche_aidant"]
    assert [t.name for t in member.health_topics.all()] == ["Vieillissement"]
    assert member.consent_matching and member.consent_sensitive and not member.consent_news
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
