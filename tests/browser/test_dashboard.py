import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jumelage.enums import PairingStatus
from tests import factories
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_opens_the_dashboard_and_changes_the_period(page, live_server):
    coordinator = factories.CoordinatorFactory()
    factories.PairingFactory(status=PairingStatus.ENDED, approved_at=timezone.now(),
                             ended_at=timezone.now(), hours_given=5)
    log_in(page, live_server, coordinator.email, factories.PASSWORD, factories.TOTP_SECRET)
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Indicateurs de la communauté").click()
    expect(page.get_by_role("heading", name="Entonnoir des jumelages")).to_be_visible()
    funnel = page.locator("#entonnoir")
    expect(funnel.get_by_role("row", name="Terminés 1")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_label("Du", exact=True).fill("2020-01-01")
    page.get_by_label("Au", exact=True).fill("2020-12-31")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.get_by_text("Période : du 1 janvier 2020 au 31 décembre 2020.")).to_be_visible()
    expect(funnel.get_by_role("row", name="Terminés 0")).to_be_visible()
