import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from formation.enums import EnrolmentStatus
from formation.models import Enrolment
from tests.browser.conftest import PHONE, serious_violations
from tests.factories import MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


def test_a_member_enrols_in_a_session_from_the_catalogue(page, live_server):
    member = MemberFactory()
    session = SessionFactory(course__title="Atelier sur le partenariat", capacity=4)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, member.user)
    page.goto(f"{live_server.url}/formations/")

    expect(page.get_by_role("heading", level=1, name="Formations")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Atelier sur le partenariat").click()
    expect(page.get_by_text("4 places libres sur 4")).to_be_visible()
    page.get_by_role("button", name="S'inscrire à la séance").click()

    expect(page.get_by_text("Votre inscription est confirmée.")).to_be_visible()
    expect(page.get_by_text("3 places libres sur 4")).to_be_visible()
    expect(page.get_by_role("button", name="Annuler mon inscription")).to_be_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    enrolment = Enrolment.objects.get(session=session)
    assert (enrolment.user, enrolment.status) == (member.user, EnrolmentStatus.ENROLLED)
