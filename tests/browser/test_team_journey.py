import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from recrutement.enums import MatchRequestStatus, ProjectStatus
from recrutement.models import MatchRequest, Project
from tests import factories
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Un-mot-de-passe-solide-42"


def _log_out(page):
    page.context.clear_cookies()


def test_a_team_signs_up_posts_a_project_is_published_and_requests_matches(page, live_server):
    base = live_server.url
    factories.EstablishmentFactory(name="CIUSSS de la Capitale-Nationale")
    coordinator = factories.CoordinatorFactory(email="coordo@exemple.ca")

    page.goto(base + "/equipes/inscription/")
    assert serious_violations(page) == []
    page.get_by_label("Votre nom").fill("Nadia Nouvelle")
    page.get_by_label("Votre rôle dans l'équipe").fill("Chercheuse principale")
    page.get_by_label("Courriel").fill("nadia@exemple.ca")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Nom de l'équipe").fill("Équipe Gamma")
    page.get_by_label("Type d'équipe").select_option("recherche")
    page.locator("#id_establishment").select_option(
        label="CIUSSS de la Capitale-Nationale")
    page.get_by_role("button", name="Inscrire mon équipe").click()
    expect(page.get_by_role("heading", name="Vérifiez vos courriels")).to_be_visible()
    EmailAddress.objects.filter(email="nadia@exemple.ca").update(verified=True)

    log_in(page, live_server, "nadia@exemple.ca", PASSWORD)
    page.goto(base + "/equipe/")
    expect(page.get_by_text("En vérification")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Nouveau projet").click()
    page.get_by_label("Titre").fill("Comité des usagers en santé mentale")
    page.get_by_label("Résumé public").fill("Nous cherchons des personnes partenaires.")
    page.get_by_label("Description").fill("Quatre rencontres pour revoir nos services.")
    page.get_by_label("Domaine principal").select_option("soins_services")
    page.get_by_label("Étape du continuum offerte").select_option("3")
    page.get_by_label("Niveau de l'organisation").select_option("meso")
    page.get_by_role("group", name="Personnes recherchées").get_by_label("Patient(e)").check()
    page.get_by_label("Modalité").select_option("distance")
    page.get_by_role("group", name="Langues").get_by_label("Français").check()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Le projet est enregistré comme brouillon")).to_be_visible()
    page.get_by_role("button", name="Soumettre à la coordination").click()
    expect(page.get_by_text("Le projet est soumis à la coordination.")).to_be_visible()
    project = Project.objects.get()
    assert project.status == ProjectStatus.SUBMITTED
    _log_out(page)

    log_in(page, live_server, coordinator.email, factories.PASSWORD, factories.TOTP_SECRET)
    page.goto(base + "/admin/recrutement/team/")
    page.get_by_role("row", name=re.compile("Équipe Gamma")).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("verify")
    page.get_by_role("button", name=re.compile("Envoyer|Go|Exécuter")).click()
    expect(page.get_by_text("1 équipe(s) vérifiée(s).")).to_be_visible()
    page.goto(base + "/admin/recrutement/project/")
    page.get_by_role("row", name=re.compile("Comité des usagers")).get_by_role(
        "checkbox").check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name=re.compile("Envoyer|Go|Exécuter")).click()
    expect(page.get_by_text("1 projet(s) publié(s).")).to_be_visible()
    project.refresh_from_db()
    assert project.status == ProjectStatus.PUBLISHED
    _log_out(page)

    log_in(page, live_server, "nadia@exemple.ca", PASSWORD)
    page.goto(base + f"/equipe/projets/{project.pk}/")
    page.get_by_role("link", name="Demander des personnes").click()
    page.get_by_label("Nombre de personnes").fill("3")
    page.get_by_label("Souhaité pour le").fill(
        (timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_label("Note pour la coordination").fill("Idéalement des proches aidants.")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Votre demande est transmise à la coordination.")).to_be_visible()
    assert serious_violations(page) == []
    request = MatchRequest.objects.get()
    assert (request.project, request.people_count, request.status) == (
        project, 3, MatchRequestStatus.OPEN)
