"""A refused form on a small phone: the person sees what to correct without scrolling."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_PHONE = {"width": 320, "height": 640}


def _summary_is_focused_on_the_first_screen(page):
    summary = page.locator("#sommaire-erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    box = summary.bounding_box()
    # Focusing may scroll by a fraction of a pixel: the summary's top is still on screen.
    assert -1 < box["y"] < SMALL_PHONE["height"]
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert serious_violations(page) == []


@pytest.mark.parametrize(("path", "button"), [("/rejoindre/", "Continuer"),
                                               ("/equipes/inscription/", "Inscrire mon équipe")],
                         ids=["adhesion", "equipe"])
def test_a_refused_form_puts_its_errors_first_and_in_focus(page, live_server, path, button):
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + path)
    page.locator("main form").get_by_role("button", name=button).click()

    _summary_is_focused_on_the_first_screen(page)
    expect(page).to_have_title(re.compile(r"^Erreur : "))
    # Each line of the summary leads to its field, which takes the focus.
    link = page.locator("#sommaire-erreurs a", has_text="Courriel")
    target = link.get_attribute("href")
    link.click()
    expect(page.locator(target)).to_be_focused()
    expect(page.locator(target)).to_be_in_viewport()


def test_the_join_steps_are_text_not_buttons(page, live_server):
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + "/rejoindre/")
    expect(page.get_by_role("heading", level=2)).to_have_text("Étape 1 sur 6 : Votre compte")
    expect(page.get_by_role("button", name="Qui vous êtes")).to_have_count(0)
    # The list of steps is plain text behind a disclosure, the current one named as such.
    page.get_by_text("Les 6 étapes").click()
    steps = page.locator("details.etapes li")
    expect(steps).to_have_count(6)
    expect(steps.first).to_contain_text("Votre compte (étape en cours)")
    assert steps.nth(1).evaluate("li => getComputedStyle(li).borderStyle") == "none"
    assert serious_violations(page) == []
