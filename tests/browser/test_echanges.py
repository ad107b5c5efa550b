"""The community's exchanges: registering for an activity, downloading a resource, and a
story a coordinator publishes and its author withdraws."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from formation.enums import EnrolmentStatus
from ressources.models import Download
from temoignages.enums import StoryStatus
from temoignages.models import Story
from tests import factories, files
from tests.browser.conftest import PHONE, fill_login, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_member_waits_for_a_full_activity_and_gets_the_place_another_frees(
        page, live_server):
    activity = factories.ActivityFactory(title="Échange sur la matrice d'engagement",
                                         capacity=1, link="https://visio.exemple.ca/matrice")
    first = factories.MemberFactory(user__display_name="Paule Patiente")
    second = factories.MemberFactory(user__display_name="Carole Aidante")
    page.set_viewport_size(PHONE)

    log_in(page, live_server, first.user)
    page.goto(live_server.url + reverse("activites"))
    expect(page.get_by_role("heading", level=1, name="Activités")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Échange sur la matrice d'engagement").click()
    expect(page.get_by_text("Le lien de la rencontre en ligne est donné aux personnes "
                            "inscrites.")).to_be_visible()
    page.get_by_role("button", name="M'inscrire", exact=True).click()
    expect(page.get_by_text("Votre inscription est confirmée.")).to_be_visible()
    expect(page.get_by_role("link", name="https://visio.exemple.ca/matrice")).to_be_visible()
    assert serious_violations(page) == []

    page.context.clear_cookies()
    log_in(page, live_server, second.user)
    page.goto(live_server.url + activity.get_absolute_url())
    expect(page.get_by_text("Complet", exact=True)).to_be_visible()
    page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(page.get_by_text("L'activité est complète : vous êtes sur la liste d'attente, "
                            "en position 1.")).to_be_visible()
    expect(page.get_by_role("link", name="https://visio.exemple.ca/matrice")).to_have_count(0)
    assert serious_violations(page) == []
    assert no_horizontal_scroll(page)

    page.context.clear_cookies()
    log_in(page, live_server, first.user)
    page.goto(live_server.url + activity.get_absolute_url())
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_text("Votre inscription est annulée.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, second.user)
    page.goto(live_server.url + reverse("espace"))
    section = page.get_by_role("region", name="Activités de la communauté")
    expect(section.get_by_text("inscrit(e)")).to_be_visible()
    page.goto(live_server.url + activity.get_absolute_url())
    expect(page.get_by_text("Vous êtes inscrit(e) à cette activité.")).to_be_visible()
    expect(page.get_by_role("link", name="https://visio.exemple.ca/matrice")).to_be_visible()
    assert activity.registrations.get(user=second.user).status == EnrolmentStatus.ENROLLED


def test_a_visitor_finds_a_guide_and_downloads_it(page, live_server):
    guide = factories.ResourceFactory(title="Guide d'animation d'un groupe de discussion",
                                      kind="guide", with_pdf=True)
    factories.ResourceFactory(title="Matrice d'engagement", kind="modele")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Boîte à outils").click()
    expect(page.get_by_role("heading", level=1, name="Boîte à outils")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Recherche").fill("discussion")
    page.get_by_label("Type").select_option("guide")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", name="1 ressource")).to_be_visible()
    expect(page.get_by_role("link", name="Matrice d'engagement")).to_have_count(0)
    page.get_by_role("link", name="Guide d'animation d'un groupe de discussion").click()
    assert serious_violations(page) == []
    assert no_horizontal_scroll(page)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Télécharger « Guide d'animation d'un groupe de "
                                      "discussion » (PDF)").click()
    download = downloading.value
    assert download.suggested_filename == "guide-danimation-dun-groupe-de-discussion.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == files.pdf()
    assert Download.objects.filter(resource=guide).count() == 1


def test_a_member_writes_a_story_a_coordinator_publishes_it_and_the_member_withdraws_it(
        page, live_server):
    member = factories.MemberFactory(user__display_name="Paule Patiente")
    factories.CoordinatorFactory(email="coordo@exemple.ca")
    log_in(page, live_server, member.user)

    page.goto(live_server.url + reverse("temoignages"))
    page.get_by_role("link", name="Écrire mon témoignage").click()
    assert serious_violations(page) == []
    page.get_by_label("Titre").fill("Trois ans au comité des usagers")
    page.get_by_label("Votre témoignage").fill("J'ai appris à prendre la parole.")
    page.get_by_label("Publier sous un pseudonyme plutôt que sous mon nom").check()
    page.get_by_role("textbox", name="Pseudonyme").fill("Une patiente de Lévis")
    page.get_by_role("button", name="Soumettre à la coordination").click()
    expect(page.get_by_text("Pour soumettre votre témoignage, donnez votre consentement")
           .first).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("J'accepte que ce témoignage").check()
    page.get_by_role("button", name="Soumettre à la coordination").click()
    expect(page.get_by_text("Votre témoignage est soumis")).to_be_visible()
    expect(page.get_by_text("Soumis, en relecture")).to_be_visible()
    story = Story.objects.get(author=member.user)

    page.context.clear_cookies()
    page.goto(live_server.url + reverse("admin:temoignages_story_changelist"))
    fill_login(page, "coordo@exemple.ca", factories.PASSWORD, factories.TOTP_SECRET)
    page.locator(f"input[name=_selected_action][value='{story.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    expect(page.get_by_text("1 témoignage(s) publié(s).")).to_be_visible()

    page.context.clear_cookies()
    page.goto(live_server.url + reverse("temoignages"))
    expect(page.get_by_role("link", name="Trois ans au comité des usagers")).to_be_visible()
    expect(page.get_by_text("Une patiente de Lévis")).to_be_visible()
    expect(page.get_by_text("Paule Patiente")).to_have_count(0)
    assert serious_violations(page) == []
    assert b"Trois ans au comit" in page.request.get(
        live_server.url + reverse("temoignages_flux")).body()

    log_in(page, live_server, member.user)
    page.goto(live_server.url + reverse("mes_temoignages"))
    expect(page.get_by_text("Publié", exact=True)).to_be_visible()
    page.get_by_role("button", name="Retirer « Trois ans au comité des usagers »").click()
    expect(page.get_by_text("Votre témoignage est retiré.")).to_be_visible()
    assert serious_violations(page) == []

    page.context.clear_cookies()
    page.goto(live_server.url + reverse("temoignages"))
    expect(page.get_by_text("Aucun témoignage publié pour le moment.")).to_be_visible()
    assert b"Trois ans au comit" not in page.request.get(
        live_server.url + reverse("temoignages_flux")).body()
    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN
