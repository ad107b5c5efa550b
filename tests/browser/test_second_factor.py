"""A coordinator without a second factor is refused the admin until they set one up."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import log_in, serious_violations
from tests.totp import totp, wait_for_a_fresh_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_sets_up_an_authenticator_app_before_the_admin_opens(page, live_server):
    coordinator = factories.CoordinatorFactory(second_factor=False)
    log_in(page, live_server, coordinator.email, factories.PASSWORD)

    page.goto(live_server.url + "/admin/communaute/member/")
    expect(page.get_by_text("Les comptes de la coordination sont protégés par un second "
                            "facteur.")).to_be_visible()
    assert "/admin/" not in page.url
    # allauth asks for the password again before a second factor is added.
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/comptes/2fa/totp/activate/$"))
    assert serious_violations(page) == []

    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/comptes/2fa/totp/activate/$"))
    # The page shows the secret as text too, for an app that cannot read the QR code.
    secret = page.locator("#authenticator_secret").input_value()
    wait_for_a_fresh_code()
    page.locator("input[name=code]").fill(totp(secret))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/comptes/2fa/recovery-codes/$"))
    assert serious_violations(page) == []

    page.goto(live_server.url + "/admin/communaute/member/")
    expect(page).to_have_url(re.compile(r"/admin/communaute/member/$"))
    expect(page.locator("#changelist")).to_be_visible()
