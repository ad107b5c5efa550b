"""Journeys of accompaniment: a team's support request, an engagement plan agreed by a
partner, a newcomer paired with a peer mentor."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accompagnement.models import PlanAgreement, SupportRequest
from jumelage.enums import PairingStatus
from mentorat.enums import MentoringStatus
from mentorat.models import Mentoring
from tests import factories
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def _log_out(page):
    page.context.clear_cookies()


def test_a_team_asks_for_support_and_reads_the_outcome(page, live_server):
    base = live_server.url
    membership = factories.TeamMembershipFactory(user__email="equipe@exemple.ca")
    factories.ProjectFactory(team=membership.team, title="Trajectoire en oncologie")
    coordinator = factories.CoordinatorFactory(email="coordo@exemple.ca")

    log_in(page, live_server, "equipe@exemple.ca", factories.PASSWORD)
    page.goto(base + reverse("equipe"))
    page.get_by_role("link", name="Demander du soutien").click()
    page.get_by_label("Soutien méthodologique (groupe de discussion, sondage)").check()
    page.get_by_label("Projet").select_option(label="Trajectoire en oncologie")
    page.get_by_label("Ce dont l'équipe a besoin").fill(
        "Nous préparons un sondage pour les proches aidants.")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Envoyer la demande de soutien").click()
    expect(page.get_by_text("Votre demande de soutien est transmise")).to_be_visible()
    expect(page.get_by_text("Reçue", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    support = SupportRequest.objects.get()
    _log_out(page)

    log_in(page, live_server, coordinator.email, factories.PASSWORD, factories.TOTP_SECRET)
    page.goto(base + reverse("admin:accompagnement_supportrequest_changelist"))
    page.get_by_role("link", name=re.compile(str(support.created_at.year))).first.click()
    page.get_by_label("Coordination responsable").select_option(str(coordinator.pk))
    page.locator("#id_meetings-2-0-minutes").fill("60")
    page.get_by_label("Résultat, pour fermer la demande").fill(
        "Questionnaire revu ensemble; modèle de lettre d'invitation transmis.")
    page.get_by_role("button", name=re.compile("^Enregistrer$|^Save$")).click()
    expect(page.locator(".messagelist")).to_be_visible()
    support.refresh_from_db()
    assert support.status == "fermee"
    assert support.meetings.get().minutes == 60
    _log_out(page)

    log_in(page, live_server, "equipe@exemple.ca", factories.PASSWORD)
    page.goto(base + reverse("accompagnement:soutien"))
    expect(page.get_by_text("Fermée")).to_be_visible()
    page.get_by_role("link", name=re.compile("Soutien méthodologique")).click()
    expect(page.get_by_role("heading", name="Résultat")).to_be_visible()
    expect(page.get_by_text("modèle de lettre d'invitation transmis")).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.usefixtures("reference_lists")
def test_a_team_fills_a_plan_that_a_partner_agrees_to(page, live_server):
    base = live_server.url
    membership = factories.TeamMembershipFactory(user__email="equipe@exemple.ca")
    project = factories.ProjectFactory(team=membership.team, title="Mobilité des aînés")
    partner = factories.MemberFactory(user__email="paule@exemple.ca")
    factories.PairingFactory(project=project, member=partner, status=PairingStatus.ACCEPTED)

    log_in(page, live_server, "equipe@exemple.ca", factories.PASSWORD)
    page.goto(base + reverse("equipe_projet", args=[project.pk]))
    page.get_by_role("link", name="Remplir le plan d'engagement").click()
    question = page.get_by_role("group", name="Définir la question ou le besoin")
    question.get_by_label("Étape du continuum").select_option("2")
    page.get_by_role("button", name="Enregistrer le plan").click()
    expect(page.get_by_text("Décrivez le rôle des partenaires dans cette phase.").first
           ).to_be_visible()
    assert serious_violations(page) == []
    question.get_by_label("Rôle des partenaires").fill("Dire ce qui compte pour eux.")
    question.get_by_label("Temps prévu (heures)").fill("3")
    design = page.get_by_role("group", name="Concevoir le projet")
    design.get_by_label("Étape du continuum").select_option("3")
    design.get_by_label("Rôle des partenaires").fill("Coconstruire le questionnaire.")
    page.get_by_role("button", name="Enregistrer le plan").click()
    expect(page.get_by_text("Le plan d'engagement est enregistré (version 1)")).to_be_visible()
    expect(page.get_by_role("cell", name="Coconstruire le questionnaire.")).to_be_visible()
    assert serious_violations(page) == []
    _log_out(page)

    page.goto(base + reverse("projet", args=[project.pk]))
    expect(page.get_by_text("Concevoir le projet : Collaboration")).to_be_visible()

    log_in(page, live_server, "paule@exemple.ca", factories.PASSWORD)
    page.goto(base + reverse("espace"))
    page.get_by_role("region", name="Plans d'engagement de mes projets").get_by_role(
        "link", name="Mobilité des aînés").click()
    expect(page.get_by_role("heading", name="Plan d'engagement : Mobilité des aînés")
           ).to_be_visible()
    page.get_by_label("Votre commentaire").fill("Je préfère les rencontres le soir.")
    page.get_by_role("button", name="Ajouter le commentaire").click()
    expect(page.get_by_text("Votre commentaire est ajouté au plan.")).to_be_visible()
    page.get_by_role("button", name="Je suis d'accord avec ce plan").click()
    expect(page.get_by_text("Vous êtes d'accord avec cette version.")).to_be_visible()
    assert serious_violations(page) == []
    assert PlanAgreement.objects.get().member == partner
    page.set_viewport_size({"width": 320, "height": 800})
    assert serious_violations(page) == []


def test_a_newcomer_asks_for_a_mentor_and_both_see_each_other_once_they_accept(
        page, live_server):
    base = live_server.url
    newcomer = factories.MemberFactory(user__email="nadia@exemple.ca",
                                       user__display_name="Nadia Nouvelle",
                                       user__phone="418 555-0101")
    mentor = factories.MemberFactory(user__email="marc@exemple.ca",
                                     user__display_name="Marc Mentor",
                                     user__phone="418 555-0202")
    factories.MentorOfferFactory(member=mentor, capacity=1)
    coordinator = factories.CoordinatorFactory(email="coordo@exemple.ca")

    log_in(page, live_server, "nadia@exemple.ca", factories.PASSWORD)
    page.goto(base + reverse("espace"))
    page.get_by_role("link", name=re.compile("Demander une personne mentor")).click()
    page.get_by_label("Ce que vous attendez d'une personne mentor (facultatif)").fill(
        "Comprendre comment se passe un premier projet.")
    page.get_by_role("button", name="Demander une personne mentor").click()
    expect(page.get_by_text("Votre demande est transmise à la coordination")).to_be_visible()
    assert serious_violations(page) == []
    _log_out(page)

    log_in(page, live_server, coordinator.email, factories.PASSWORD, factories.TOTP_SECRET)
    page.goto(base + reverse("admin:mentorat_mentoringrequest_changelist"))
    page.get_by_role("link", name="Voir les personnes mentors classées").click()
    row = page.get_by_role("row").filter(has_text="Marc Mentor")
    expect(row.get_by_text("Même région : +25")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Marc Mentor").check()
    page.get_by_role("button", name="Proposer et inviter les deux personnes").click()
    expect(page.get_by_text("Mentorat proposé")).to_be_visible()
    _log_out(page)

    for email, other in (("marc@exemple.ca", newcomer), ("nadia@exemple.ca", mentor)):
        log_in(page, live_server, email, factories.PASSWORD)
        page.goto(base + reverse("mentorat:espace"))
        expect(page.get_by_text(other.user.email)).to_have_count(0)
        assert serious_violations(page) == []
        page.get_by_role("button", name="J'accepte ce mentorat").click()
        _log_out(page)

    assert Mentoring.objects.get().status == MentoringStatus.ACCEPTED
    for email, other in (("marc@exemple.ca", newcomer), ("nadia@exemple.ca", mentor)):
        log_in(page, live_server, email, factories.PASSWORD)
        page.goto(base + reverse("mentorat:espace"))
        expect(page.get_by_role("link", name=other.user.email)).to_be_visible()
        expect(page.get_by_text(other.user.phone)).to_be_visible()
        assert serious_violations(page) == []
        _log_out(page)
