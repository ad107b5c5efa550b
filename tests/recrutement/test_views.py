import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import MemberStatus
from communaute.models import Member
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import Pairing
from messagerie.models import Notification
from recrutement.enums import MatchRequestStatus, ProjectStatus, TeamStatus
from recrutement.models import Establishment, MatchRequest, Project, Team, TeamMembership
from tests import factories

pytestmark = pytest.mark.django_db
S = ProjectStatus
PERSONAS = ["anonymous", "patient", "caregiver", "team_member", "other_team_member",
            "coordinator", "outsider"]


@pytest.fixture
def as_persona(request, client_for):
    def login(name):
        if name == "anonymous":
            return client_for(None)
        person = request.getfixturevalue(name)
        return client_for(person.user if isinstance(person, Member) else person)
    return login


@pytest.fixture
def published(team):
    return factories.ProjectFactory(team=team, title="Projet publié Alpha",
                                    description="Détails réservés aux membres",
                                    contact_email="contact-alpha@exemple.ca")


@pytest.fixture
def draft(team):
    return factories.ProjectFactory(team=team, title="Brouillon Alpha", status=S.DRAFT)


# /projets/ ---------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_sees_open_projects_and_nobody_sees_drafts_in_the_list(
        as_persona, persona, published, draft):
    closed = factories.ProjectFactory(title="Projet fermé", status=S.CLOSED)
    response = as_persona(persona).get(reverse("projets"))
    assert response.status_code == 200
    content = response.content.decode()
    assert published.title in content
    assert draft.title not in content and closed.title not in content
    assert "Détails réservés aux membres" not in content


@pytest.mark.parametrize("persona", ["anonymous", "patient"])
def test_project_list_runs_the_same_queries_for_5_and_50_projects(
        as_persona, persona, client):
    region = factories.RegionFactory()
    client = as_persona(persona)

    def count(total):
        for _ in range(total - Project.objects.count()):
            factories.ProjectFactory().regions.add(region)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("projets"), {"page": 2 if total > 20 else 1}
                              ).status_code == 200
        return len(queries)

    assert count(5) == count(50)


def test_the_shared_project_list_shows_each_change_at_once(client, published):
    region = factories.RegionFactory(name="Région d'avant")
    published.regions.add(region)
    url = reverse("projets")
    assert "Projet publié Alpha" in client.get(url).content.decode()
    published.title = "Projet renommé Alpha"
    published.save(update_fields=["title"])
    newcomer = factories.ProjectFactory(title="Projet tout neuf", team=published.team)
    region.name = "Région renommée"
    region.save(update_fields=["name"])
    content = client.get(url).content.decode()
    assert "Projet renommé Alpha" in content and "Projet tout neuf" in content
    assert "<li>Région renommée</li>" in content and "Région d'avant" not in content
    published.regions.remove(region)
    newcomer.team.name = "Équipe renommée"
    newcomer.team.save(update_fields=["name"])
    content = client.get(url).content.decode()
    assert "<li>Région renommée</li>" not in content and "Équipe renommée" in content


def test_the_home_counts_follow_each_project_and_course_at_once(client, published):
    def counts():
        text = client.get("/").content.decode()
        return (int(re.search(r"(\d+) projets? cherche", text)[1]),
                int(re.search(r"(\d+) formations? sur le partenariat", text)[1]))

    projects, courses = counts()
    course = factories.CourseFactory()
    assert counts() == (projects, courses + 1)
    factories.ProjectFactory(team=published.team)
    assert counts() == (projects + 1, courses + 1)
    published.status = ProjectStatus.CLOSED
    published.save(update_fields=["status"])
    course.delete()
    assert counts() == (projects, courses)


def test_the_project_list_is_shared_across_languages_only_in_its_own(client, published):
    url = reverse("projets")
    assert "Occasions d'engagement" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert "Filter" in client.get(url).content.decode()


# /projets/<pk>/ ----------------------------------------------------------------------------

def test_anonymous_visitor_sees_only_the_public_summary(client, published):
    response = client.get(reverse("projet", args=[published.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert published.summary in content
    assert "Détails réservés aux membres" not in content
    assert "contact-alpha@exemple.ca" not in content


def test_the_shared_public_page_of_a_project_follows_each_change_at_once(
        client, published):
    url = reverse("projet", args=[published.pk])
    region = factories.RegionFactory(name="Région Avant")
    assert "Région Avant" not in client.get(url).text
    published.regions.add(region)
    assert "Région Avant" in client.get(url).text
    region.name = "Région renommée"
    region.save(update_fields=["name"])
    published.team.name = "Équipe renommée"
    published.team.save(update_fields=["name"])
    text = client.get(url).text
    assert "Région renommée" in text and "Équipe renommée" in text
    guide = factories.ResourceFactory(title="Guide lié")
    published.resources.add(guide)
    assert "Guide lié" in client.get(url).text
    guide.public = False
    guide.save(update_fields=["public"])
    assert "Guide lié" not in client.get(url).text
    published.title = "Projet renommé"
    published.save(update_fields=["title"])
    assert "<title>Projet renommé — RUISSS UL</title>" in client.get(url).text
    published.status = ProjectStatus.DRAFT
    published.save(update_fields=["status"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["patient", "caregiver", "team_member",
                                     "other_team_member", "coordinator", "outsider"])
def test_logged_in_people_see_the_details_of_an_open_project(as_persona, persona, published):
    response = as_persona(persona).get(reverse("projet", args=[published.pk]))
    assert response.status_code == 200
    assert "Détails réservés aux membres" in response.content.decode()


@pytest.mark.parametrize("persona,status", [
    ("anonymous", 404), ("patient", 404), ("caregiver", 404), ("team_member", 200),
    ("other_team_member", 404), ("coordinator", 200), ("outsider", 404)])
def test_a_draft_is_reachable_only_by_its_team_and_coordinators(
        as_persona, persona, status, draft):
    assert as_persona(persona).get(reverse("projet", args=[draft.pk])).status_code == status


def test_only_members_see_the_interest_button(client_for, patient, team_member, published):
    url = reverse("projet", args=[published.pk])
    assert "Ça m'intéresse" in client_for(patient.user).get(url).content.decode()
    assert "Ça m'intéresse" not in client_for(team_member).get(url).content.decode()


def test_a_member_says_it_interests_them_once(client_for, patient, published):
    client = client_for(patient.user)
    url = reverse("projet_interet", args=[published.pk])
    response = client.post(url, {"message": "Je connais ce parcours."}, follow=True)
    assert "La coordination a reçu votre intérêt" in response.content.decode()
    client.post(url, {"message": "Bis"})
    pairing = Pairing.objects.get()
    assert (pairing.member, pairing.origin, pairing.status, pairing.interest_message) == (
        patient, PairingOrigin.INTEREST, PairingStatus.PROPOSED, "Je connais ce parcours.")
    assert "déjà manifesté votre intérêt" in client.get(
        reverse("projet", args=[published.pk])).content.decode()


def test_interest_after_the_deadline_is_refused_with_a_message(client_for, patient, team):
    project = factories.ProjectFactory(
        team=team, interest_deadline=timezone.localdate() - timedelta(days=2))
    response = client_for(patient.user).post(reverse("projet_interet", args=[project.pk]),
                                        {"message": ""}, follow=True)
    assert "La date limite pour manifester son intérêt est passée." in \
        response.content.decode()
    assert not Pairing.objects.exists()


@pytest.mark.parametrize("status", [MemberStatus.WITHDRAWN, MemberStatus.REFUSED,
                                    MemberStatus.ARCHIVED])
def test_a_member_who_left_cannot_express_interest(client_for, patient, published, status):
    patient.status = status
    patient.save(update_fields=["status"])
    client = client_for(patient.user)
    interest_url = reverse("projet_interet", args=[published.pk])
    page = client.get(reverse("projet", args=[published.pk])).content.decode()
    assert f'action="{interest_url}"' not in page and "n&#x27;est plus actif" in page
    response = client.post(interest_url, {"message": ""}, follow=True)
    assert "n&#x27;est plus actif" in response.content.decode()
    assert not Pairing.objects.exists()


@pytest.mark.parametrize("persona, page", [("patient", "projet"),
                                           ("team_member", "equipe_projet")])
def test_a_required_training_links_to_the_catalogue(as_persona, persona, page, published):
    course = factories.CourseFactory(title="Module 101")
    published.required_courses.add(course)
    html = as_persona(persona).get(reverse(page, args=[published.pk])).content.decode()
    assert f'<a href="{course.get_absolute_url()}">Module 101</a>' in html


@pytest.mark.parametrize("persona,status", [
    ("anonymous", 302), ("team_member", 403), ("other_team_member", 403),
    ("coordinator", 403), ("outsider", 403)])
def test_only_members_can_express_interest(as_persona, persona, status, published):
    response = as_persona(persona).post(reverse("projet_interet", args=[published.pk]))
    assert response.status_code == status
    assert not Pairing.objects.exists()


def test_interest_in_a_draft_is_not_found(client_for, patient, draft):
    response = client_for(patient.user).post(reverse("projet_interet", args=[draft.pk]))
    assert response.status_code == 404


# The team's space -------------------------------------------------------------------------

@pytest.mark.parametrize("persona,status", [
    ("anonymous", 302), ("patient", 403), ("caregiver", 403), ("team_member", 200),
    ("other_team_member", 200), ("coordinator", 403), ("outsider", 403)])
def test_team_space_is_for_team_members(as_persona, persona, status):
    assert as_persona(persona).get(reverse("equipe")).status_code == status


def test_a_team_sees_its_own_projects_and_never_another_teams(
        client_for, team_member, other_team_member, published, draft, other_team):
    theirs = factories.ProjectFactory(team=other_team, title="Projet Bêta", status=S.DRAFT)
    content = client_for(team_member).get(reverse("equipe")).content.decode()
    assert published.title in content and draft.title in content
    assert theirs.title not in content
    content = client_for(other_team_member).get(reverse("equipe")).content.decode()
    assert theirs.title in content and draft.title not in content


TEAM_PAGES = [
    ("get", "equipe_projet", {}),
    ("get", "equipe_projet_modifier", {}),
    ("get", "equipe_projet_demande", {}),
    ("post", "equipe_projet_demande", {"people_count": 2, "needed_by": "2999-01-01"}),
    ("post", "equipe_projet_dupliquer", {}),
    ("post", "equipe_projet_action", {"action": "fermer"}),
]


@pytest.mark.parametrize("method,name,extra", TEAM_PAGES)
def test_another_team_cannot_reach_a_project_by_guessing_its_id(
        client_for, other_team_member, published, method, name, extra):
    kwargs = {"pk": published.pk, **({"action": extra.pop("action")} if "action" in extra
                                     else {})}
    response = getattr(client_for(other_team_member), method)(reverse(name, kwargs=kwargs),
                                                             extra)
    assert response.status_code == 404
    published.refresh_from_db()
    assert published.status == S.PUBLISHED
    assert Project.objects.count() == 1 and not MatchRequest.objects.exists()


@pytest.mark.parametrize("persona,status", [
    ("anonymous", 302), ("patient", 403), ("team_member", 200), ("other_team_member", 404),
    ("coordinator", 403), ("outsider", 403)])
def test_team_project_page_permissions(as_persona, persona, status, published):
    response = as_persona(persona).get(reverse("equipe_projet", args=[published.pk]))
    assert response.status_code == status


def test_the_team_sees_a_member_only_after_they_accepted(client_for, team_member, published):
    url = reverse("equipe_projet", args=[published.pk])
    waiting = factories.PairingFactory(project=published, status=PairingStatus.APPROVED,
                                       member__user__display_name="Irène Invitée",
                                       member__user__email="irene@exemple.ca")
    factories.PairingFactory(project=published, status=PairingStatus.DECLINED,
                             member__user__display_name="Denis Décline")
    factories.PairingFactory(project=published, status=PairingStatus.PROPOSED,
                             member__user__display_name="Paul Proposé")
    content = client_for(team_member).get(url).content.decode()
    for hidden in ("Irène Invitée", "irene@exemple.ca", "Denis Décline", "Paul Proposé"):
        assert hidden not in content
    assert "1 personne invitée" in content and "1 personne a décliné" in content
    waiting.status = PairingStatus.ACCEPTED
    waiting.save()
    content = client_for(team_member).get(url).content.decode()
    assert "Irène Invitée" in content and "irene@exemple.ca" in content
    assert "Denis Décline" not in content


def test_team_space_runs_the_same_queries_for_5_and_50_projects(client_for, team_member,
                                                                 team):
    client = client_for(team_member)

    def count(total):
        for _ in range(total - Project.objects.count()):
            project = factories.ProjectFactory(team=team)
            factories.MatchRequestFactory(project=project)
            factories.PairingFactory(project=project, status=PairingStatus.ACCEPTED)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("equipe")).status_code == 200
        return len(queries)

    assert count(5) == count(50)


def _project_post(**overrides):
    return {
        "title": "Nouveau comité", "summary": "Résumé public", "description": "Tout",
        "written_in": "fr-ca",
        "main_domain": "gouvernance", "other_domains": ["recherche"], "continuum_step": 3,
        "org_level": "macro", "kinds_sought": ["patient", "citoyen"], "people_sought": 2,
        "modality": "distance", "languages": ["fr"], "hours_per_month": 4,
        "compensation": "horaire", "contact_name": "Thomas", "contact_email": "t@exemple.ca",
        **overrides,
    }


def test_a_team_member_creates_edits_submits_and_duplicates_a_project(client_for,
                                                                      team_member, team):
    client = client_for(team_member)
    response = client.post(reverse("equipe_projet_nouveau"), _project_post())
    project = Project.objects.get()
    assert response.url == reverse("equipe_projet", args=[project.pk])
    assert (project.team, project.status, project.kinds_sought) == (
        team, S.DRAFT, ["citoyen", "patient"])
    client.post(reverse("equipe_projet_modifier", args=[project.pk]),
                _project_post(title="Comité renommé"))
    client.post(reverse("equipe_projet_action", args=[project.pk, "soumettre"]))
    project.refresh_from_db()
    assert (project.title, project.status) == ("Comité renommé", S.SUBMITTED)
    response = client.post(reverse("equipe_projet_modifier", args=[project.pk]),
                           _project_post(title="Trop tard"), follow=True)
    assert "Seul un projet en brouillon" in response.content.decode()
    client.post(reverse("equipe_projet_dupliquer", args=[project.pk]))
    assert Project.objects.filter(status=S.DRAFT, title__startswith="Copie de").count() == 1


def test_a_bad_project_form_keeps_what_was_typed_and_says_what_is_wrong(client_for,
                                                                        team_member):
    response = client_for(team_member).post(
        reverse("equipe_projet_nouveau"),
        _project_post(title="", starts_on="2030-05-01", ends_on="2030-04-01"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Résumé public" in content
    assert "La fin doit suivre le début." in content
    assert 'aria-invalid="true"' in content
    assert not Project.objects.exists()


def test_a_forbidden_transition_is_shown_as_a_clear_message(client_for, team_member, draft):
    response = client_for(team_member).post(
        reverse("equipe_projet_action", args=[draft.pk, "fermer"]), follow=True)
    assert "« Brouillon » ne peut pas passer à « Fermé »" in response.content.decode()


def test_the_team_asks_for_people_once_per_open_request(client_for, team_member, published):
    client = client_for(team_member)
    url = reverse("equipe_projet_demande", args=[published.pk])
    needed_by = (timezone.localdate() + timedelta(days=20)).isoformat()
    client.post(url, {"people_count": 3, "needed_by": needed_by, "note": "Des aînés"})
    request = MatchRequest.objects.get()
    assert (request.people_count, request.status, request.created_by) == (
        3, MatchRequestStatus.OPEN, team_member)
    response = client.post(url, {"people_count": 1, "needed_by": needed_by})
    assert "déjà une demande de jumelage ouverte" in response.content.decode()
    assert MatchRequest.objects.count() == 1


def test_a_match_request_in_the_past_is_refused_beside_the_field(client_for, team_member,
                                                                 published):
    response = client_for(team_member).post(
        reverse("equipe_projet_demande", args=[published.pk]),
        {"people_count": 0, "needed_by": "2000-01-01"})
    content = response.content.decode()
    assert "Choisissez une date à venir." in content
    assert "Demandez au moins une personne." in content
    assert not MatchRequest.objects.exists()


def test_a_team_member_invites_a_colleague_who_joins(client_for, team_member, team,
                                                     outsider, other_team):
    client = client_for(team_member)
    response = client.post(reverse("equipe_inviter", args=[other_team.pk]),
                           {"email": outsider.email})
    assert response.status_code == 404
    client.post(reverse("equipe_inviter", args=[team.pk]), {"email": outsider.email})
    invitation = team.invitations.get()
    client = client_for(outsider)
    client.post(reverse("equipe_invitation", args=[invitation.token]))
    assert TeamMembership.objects.filter(team=team, user=outsider).exists()


# Team sign-up ----------------------------------------------------------------------------

SIGNUP = {
    "display_name": "Nadia Nouvelle", "role_title": "Chercheuse", "email": "nadia@exemple.ca",
    "phone": "", "preferred_language": "fr-ca", "password": "Un-mot-solide-42",
    "team_name": "Équipe Gamma", "team_kind": "recherche",
}


def test_the_sign_up_page_opens_for_everyone(client):
    assert client.get(reverse("equipe_inscription")).status_code == 200


def test_signing_up_creates_a_team_under_verification(client):
    establishment = factories.EstablishmentFactory()
    response = client.post(reverse("equipe_inscription"),
                           {**SIGNUP, "establishment": establishment.pk})
    assert "Vérifiez vos courriels" in response.content.decode()
    team = Team.objects.get(name="Équipe Gamma")
    assert team.status == TeamStatus.PENDING and team.establishment == establishment


def test_signing_up_with_a_known_address_answers_the_same_and_creates_nothing(
        client, team_member):
    before = (Team.objects.count(), Establishment.objects.count())
    response = client.post(reverse("equipe_inscription"), {
        **SIGNUP, "email": team_member.email, "new_establishment_name": "Nouveau",
        "new_establishment_kind": "autre"})
    assert "Vérifiez vos courriels" in response.content.decode()
    assert (Team.objects.count(), Establishment.objects.count()) == before


def test_sign_up_without_an_establishment_says_so_beside_the_field(client):
    response = client.post(reverse("equipe_inscription"), {**SIGNUP, "password": "court"})
    content = response.content.decode()
    assert "Choisissez votre établissement dans la liste" in content
    assert "Nadia Nouvelle" in content
    assert 'id="id_new_establishment_name_error"' in content
    assert not Team.objects.exists()


def test_a_robot_filling_the_hidden_field_gets_the_usual_answer_and_nothing_is_sent(client):
    establishment = factories.EstablishmentFactory()
    response = client.post(reverse("equipe_inscription"), {
        **SIGNUP, "establishment": establishment.pk, "site_web": "http://spam.example"})
    assert "Vérifiez vos courriels" in response.content.decode()
    assert not Team.objects.exists()
    assert not Notification.objects.exists()


def test_team_sign_ups_from_one_connection_are_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    establishment = factories.EstablishmentFactory()
    for n in range(3):
        response = client.post(reverse("equipe_inscription"), {
            **SIGNUP, "email": f"equipe{n}@exemple.ca", "establishment": establishment.pk})
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert "equipe2@exemple.ca" in response.content.decode()
    assert Team.objects.count() == 2
    assert Notification.objects.count() == 2


def test_one_address_gets_three_sign_up_e_mails_an_hour_whatever_the_connection(client):
    establishment = factories.EstablishmentFactory()
    for n in range(5):
        client.post(reverse("equipe_inscription"),
                    {**SIGNUP, "establishment": establishment.pk, "team_name": f"Équipe {n}"},
                    REMOTE_ADDR=f"192.0.2.{n + 1}")
    assert Notification.objects.filter(email=SIGNUP["email"]).count() == 3


def test_team_invitations_are_limited_per_person_and_per_address(client_for, team_member,
                                                                 team, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "team_invite": "4/h/user"}
    client = client_for(team_member)
    url = reverse("equipe_inviter", args=[team.pk])
    for _ in range(4):
        client.post(url, {"email": "victime@exemple.ca"})
    assert Notification.objects.filter(email="victime@exemple.ca").count() == 3
    response = client.post(url, {"email": "collegue@exemple.ca"}, follow=True)
    assert "Réessayez dans une heure" in response.content.decode()
    assert not Notification.objects.filter(email="collegue@exemple.ca").exists()


def test_creating_an_account_from_an_invitation_counts_as_a_sign_up(client, team, settings,
                                                                    team_member):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}
    tokens = [team.invitations.create(email=f"invite{n}@exemple.ca", token=f"jeton{n}",
                                      invited_by=team_member).token for n in range(2)]
    account = {"display_name": "Ines Invitée", "preferred_language": "fr-ca",
               "password": "Un-mot-solide-42"}
    client.post(reverse("equipe_invitation", args=[tokens[0]]), account)
    response = client.post(reverse("equipe_invitation", args=[tokens[1]]), account)
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert list(TeamMembership.objects.filter(team=team).values_list(
        "user__email", flat=True).order_by("user__email")) == [
        "invite0@exemple.ca", team_member.email]


@pytest.mark.parametrize("proxies, second_client_served", [(0, False), (1, True)])
def test_behind_the_proxy_each_client_has_its_own_limit(client, settings, proxies,
                                                        second_client_served):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}
    establishment = factories.EstablishmentFactory()

    def sign_up(n, client_address):
        return client.post(reverse("equipe_inscription"), {
            **SIGNUP, "email": f"equipe{n}@exemple.ca", "establishment": establishment.pk},
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=client_address)

    assert sign_up(0, "198.51.100.7").status_code == 200
    assert sign_up(1, "198.51.100.7").status_code == 429
    assert (sign_up(2, "203.0.113.9").status_code == 200) is second_client_served
