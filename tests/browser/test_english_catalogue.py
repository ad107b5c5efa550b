"""A person who reads English switches the site to English and finds the catalogue,
the health topics and the regions in English."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, serious_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_lists")]


def test_the_catalogue_and_the_lists_read_in_english(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Trainings").click()
    expect(page.get_by_role("link", name="Module 101: The foundations of patient partnership")
           ).to_be_visible()
    expect(page.get_by_text("The basics of partnership with patients, families and citizens.")
           ).to_be_visible()
    expect(page.get_by_text("Les fondements du partenariat patient")).to_have_count(0)
    assert serious_violations(page) == []

    page.get_by_role("link", name="Module 101: The foundations of patient partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Module 101: The foundations of patient partnership")
    assert serious_violations(page) == []

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Projects").click()
    topics = page.get_by_label("Health topic")
    expect(topics.locator("option", has_text="Mental health")).to_have_count(1)
    expect(topics.locator("option", has_text="Santé mentale")).to_have_count(0)
    assert serious_violations(page) == []
