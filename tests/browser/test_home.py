import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_in_french_then_english_without_serious_accessibility_violations(
        page, live_server):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Devenir membre").first).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Become a member").first).to_be_visible()
    assert serious_violations(page) == []


def test_skip_link_moves_focus_to_the_content_on_a_phone(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
