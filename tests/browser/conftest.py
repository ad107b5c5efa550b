"""Browser journeys: Playwright drives Debian's Chromium against the live server."""

import os
import shutil
from importlib import import_module

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection
from django.views import static

from tests.totp import totp, wait_for_a_fresh_code

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


BROWSER_TESTS = os.path.dirname(__file__)


def pytest_collection_modifyitems(config, items):
    """Mark the tests of this folder only: the hook receives every collected test."""
    for item in items:
        if str(item.path).startswith(BROWSER_TESTS + os.sep):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _collected_static_files():
    """The live server answers /static/ from the collected, hashed files that the pages
    name, as whitenoise does in production: its default handler looks for the unhashed
    names in the source folders, so every page would be tested without its stylesheet
    and scripts."""
    def serve(handler, request):
        return static.serve(request, handler.file_path(request.path),
                            document_root=settings.STATIC_ROOT)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StaticFilesHandler, "serve", serve)
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium est introuvable ({CHROMIUM}) : apt-get install chromium"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-CA"}


# The data migrations that fill the reference lists (regions, topics, courses, both
# languages, the phases of an engagement plan), by module and function.
REFERENCE_DATA_MIGRATIONS = [
    ("communaute.migrations.0002_reference_lists", "add_reference_lists"),
    ("communaute.migrations.0009_reference_lists_in_both_languages", "fill_both_languages"),
    ("formation.migrations.0002_domain_courses", "add_courses"),
    ("formation.migrations.0004_reference_lists_in_both_languages", "fill_both_languages"),
    ("accompagnement.migrations.0002_default_phases", "add_phases"),
]


@pytest.fixture
def reference_lists(transactional_db):
    """The reference lists as the migrations leave them: a transactional test starts with
    tables that an earlier one emptied."""
    for module, function in REFERENCE_DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, connection.schema_editor())


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def serious_violations(page):
    """Accessibility violations of impact serious or critical, as readable lines."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def log_in(page, live_server, email, password, second_factor=None):
    """Log in through the real login page, as a person would; `second_factor`, the secret
    of the person's authenticator app, answers the second step."""
    page.goto(live_server.url + "/comptes/login/")
    fill_login(page, email, password, second_factor)


def fill_login(page, email, password, second_factor=None):
    """Fill and send the login form the page shows (after a redirect to it, say)."""
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    if second_factor:
        give_second_factor(page, second_factor)


def give_second_factor(page, secret):
    """Type the code the authenticator app shows now; the first button sends it.

    A code typed in the last seconds of its window may reach the server in the next
    one: the code is taken at the start of a window instead."""
    wait_for_a_fresh_code()
    page.locator("input[name=code]").fill(totp(secret))
    page.locator("main form button[type=submit]").first.click()
