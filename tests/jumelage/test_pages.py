"""The member's invitation pages and the coordinators' candidates page, for every role."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import AgeRange, ConsentKind
from communaute.models import Member, User
from communaute.services import account_delete, has_consent
from jumelage import services
from jumelage.enums import PairingStatus
from jumelage.models import Observation
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "other_team_member",
         "coordinator"]


@pytest.fixture
def match_request(team):
    return factories.MatchRequestFactory(project=factories.ProjectFactory(team=team))


@pytest.fixture
def invitation(match_request, patient, coordinator):
    [pairing] = services.pairings_approve(project=match_request.project, members=[patient],
                                          by=coordinator)
    return pairing


def user_of(request, role):
    if role == "anonymous":
        return None
    persona = request.getfixturevalue(role)
    return getattr(persona, "user", persona)


MEMBER_PAGES = ["jumelage:invitation", "jumelage:accepter", "jumelage:decliner",
                "jumelage:observation"]
EXPECTED = {"anonymous": 302, "patient": 200, "caregiver": 404, "team_member": 403,
            "other_team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", MEMBER_PAGES)
def test_only_the_invited_member_reaches_their_invitation_pages(
        request, client_for, invitation, role, page):
    response = client_for(user_of(request, role)).get(reverse(page, args=[invitation.pk]))
    assert response.status_code == EXPECTED[role]
    if role == "anonymous":
        assert response.url.startswith(reverse("account_login"))


def test_the_invitation_explains_why_the_member_was_proposed(client_for, invitation, patient):
    response = client_for(patient.user).get(reverse("jumelage:invitation",
                                                    args=[invitation.pk]))
    assert "Domaine Recherche demandé, dans vos domaines : +15" in response.text


def test_the_explanation_reads_in_english_for_an_english_reader(client_for, invitation,
                                                                patient):
    client = client_for(patient.user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("jumelage:invitation", args=[invitation.pk]))
    assert "Research domain requested, in your domains: +15" in response.text


def test_accepting_without_the_commitment_shows_the_error_beside_the_box(
        client_for, invitation, patient):
    client = client_for(patient.user)
    url = reverse("jumelage:accepter", args=[invitation.pk])
    response = client.post(url, {})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "engagement à la confidentialité" in response.text
    invitation.refresh_from_db()
    assert invitation.status == PairingStatus.APPROVED

    response = client.post(url, {"confidentialite": "on"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == PairingStatus.ACTIVE
    assert has_consent(patient, ConsentKind.CONFIDENTIALITY)


def test_the_commitment_is_not_asked_twice(client_for, invitation, patient):
    from communaute.services import consent_record

    consent_record(member=patient, kind=ConsentKind.CONFIDENTIALITY, given=True)
    response = client_for(patient.user).get(reverse("jumelage:accepter",
                                                    args=[invitation.pk]))
    assert 'name="confidentialite"' not in response.text


def test_declining_twice_shows_a_message_not_an_error_page(client_for, invitation, patient):
    client = client_for(patient.user)
    url = reverse("jumelage:decliner", args=[invitation.pk])
    assert client.post(url, {"reason": "Trop loin"}).status_code == 302
    response = client.post(url, {"reason": "Encore"})
    assert response.status_code == 200
    assert "plus possible" in response.text


def test_an_empty_observation_is_refused_and_a_real_one_is_kept(client_for, invitation,
                                                                 patient):
    client = client_for(patient.user)
    url = reverse("jumelage:observation", args=[invitation.pk])
    assert client.post(url, {"message": ""}).status_code == 200
    assert client.post(url, {"message": "Mon profil a changé."}).status_code == 302
    assert Observation.objects.get().message == "Mon profil a changé."


def test_the_member_space_block_lists_invitations_with_a_constant_number_of_queries(patient):
    template = Template('{% include "jumelage/espace_membre.html" %}')

    def render():
        with CaptureQueriesContext(connection) as queries:
            html = template.render(Context({"member": patient}))
        return html, len(queries)

    def engagements_under_way(count):
        # Accepted ones wait for their project's start; active ones say since when.
        for _ in range(count):
            factories.PairingFactory(member=patient, status=PairingStatus.ACCEPTED,
                                     project__starts_on=timezone.localdate() + timedelta(30))
            factories.PairingFactory(member=patient, status=PairingStatus.ACTIVE,
                                     started_at=timezone.now())

    for _ in range(5):
        factories.PairingFactory(member=patient, status=PairingStatus.APPROVED)
    engagements_under_way(1)
    html, five = render()
    assert html.count("Accepter") == 5
    engagements_under_way(5)
    for _ in range(45):
        pairing = factories.PairingFactory(member=patient, status=PairingStatus.ENDED)
        factories.HoursDeclarationFactory(pairing=pairing, hours=3, confirmed_at=timezone.now())
        factories.HoursDeclarationFactory(pairing=pairing, hours=1)
        factories.EvaluationFactory(pairing=pairing, submitted_at=None)
    html, fifty = render()
    assert five == fifty
    assert "3 h confirmées" in html
    assert "1 h en attente de confirmation" in html
    assert html.count("questionnaire de fin d'engagement") == 45


ADMIN_EXPECTED = {"anonymous": 302, "patient": 302, "caregiver": 302, "team_member": 302,
                  "other_team_member": 302, "coordinator": 200}


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_reach_the_candidates_page(request, client_for, match_request,
                                                     patient, role):
    url = reverse("admin:jumelage_candidats", args=[match_request.pk])
    response = client_for(user_of(request, role)).get(url)
    assert response.status_code == ADMIN_EXPECTED[role]
    if role == "coordinator":
        assert patient.user.display_name in response.text


def test_a_coordinator_approves_the_selected_candidates(client_for, coordinator,
                                                        match_request, patient, caregiver):
    url = reverse("admin:jumelage_candidats", args=[match_request.pk])
    response = client_for(coordinator).post(url, {"members": [patient.pk]})
    assert response.status_code == 302
    assert list(match_request.project.pairings.values_list("member", "status")) == [
        (patient.pk, PairingStatus.APPROVED)]


def test_the_excluded_people_are_listed_with_their_reasons_on_demand(
        client_for, coordinator, match_request, patient):
    patient.consent_matching = False
    patient.save()
    url = reverse("admin:jumelage_candidats", args=[match_request.pk])
    response = client_for(coordinator).get(url, {"exclus": "1", "q": "Paule"})
    assert "Paule Patiente" in response.text
    assert "consenti" in response.text


def test_the_candidates_page_takes_the_same_queries_for_5_and_50_members(
        client_for, coordinator, match_request):
    client = client_for(coordinator)
    url = reverse("admin:jumelage_candidats", args=[match_request.pk])
    factories.MemberFactory.create_batch(5)
    client.get(url)
    # Both measures rank afresh: a ranking shared from an earlier visit costs fewer queries.
    cache.clear()
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    factories.MemberFactory.create_batch(45)
    cache.clear()
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url)
    assert response.text.count('name="members"') == 50
    assert len(five) == len(fifty)


def test_the_shared_ranking_of_the_candidates_page_follows_members_and_pairings(
        client_for, coordinator, match_request):
    client = client_for(coordinator)
    url = reverse("admin:jumelage_candidats", args=[match_request.pk])
    factories.MemberFactory.create_batch(3)
    first = client.get(url).text.count('name="members"')
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).text.count('name="members"') == first
    assert not any("CASE WHEN" in query["sql"] for query in again.captured_queries)
    newcomer = factories.MemberFactory(user__display_name="Nouvelle Venue")
    assert "Nouvelle Venue" in client.get(url).text
    newcomer.consent_matching = False
    newcomer.save(update_fields=["consent_matching"])
    assert "Nouvelle Venue" not in client.get(url).text


def test_the_candidates_rows_kept_in_the_cache_follow_what_they_show(
        client_for, coordinator, match_request):
    client = client_for(coordinator)
    url = reverse("admin:jumelage_candidats", args=[match_request.pk])
    member = factories.MemberFactory(user__display_name="Avant Renommage",
                                     age_range=AgeRange.FROM_30)
    assert "Avant Renommage" in client.get(url).text
    # A name lives on the account, whose changes the shared ranking does not follow.
    User.objects.filter(pk=member.user_id).update(display_name="Après Renommage")
    text = client.get(url).text
    assert "Après Renommage" in text and "Avant Renommage" not in text
    Member.objects.filter(pk=member.pk).update(age_range=AgeRange.FROM_65)
    assert "65 à 74 ans" in client.get(url).text
    client.cookies["django_language"] = "en"
    assert "65 to 74" in client.get(url).text


def test_a_deleted_account_leaves_the_candidates_page_at_once(client_for, coordinator,
                                                               match_request):
    client = client_for(coordinator)
    url = reverse("admin:jumelage_candidats", args=[match_request.pk])
    member = factories.MemberFactory(user__display_name="Personne Effacée")
    assert "Personne Effacée" in client.get(url).text
    account_delete(user=member.user)
    assert "Personne Effacée" not in client.get(url).text


def test_the_member_reads_a_score_made_of_the_points_listed(client_for, invitation, patient):
    response = client_for(patient.user).get(reverse("jumelage:invitation",
                                                    args=[invitation.pk]))
    listed = sum(factor["points"] for factor in invitation.factors)
    assert invitation.points == listed
    assert (f"{listed} points sur {invitation.points_max}, soit {invitation.score}\u00a0%"
            in response.text)
    assert "la rotation équitable vous donne priorité" in response.text


def test_accepting_when_ones_projects_are_full_shows_why(client_for, invitation, patient):
    patient.max_projects = 1
    patient.save()
    factories.PairingFactory(member=patient, status=PairingStatus.ACTIVE)
    response = client_for(patient.user).post(
        reverse("jumelage:accepter", args=[invitation.pk]), {"confidentialite": "on"})
    assert response.status_code == 200
    assert "le maximum que vous vous êtes donné" in response.text
    invitation.refresh_from_db()
    assert invitation.status == PairingStatus.APPROVED


def test_the_candidates_page_tells_namesakes_apart_and_speaks_of_the_person(
        client_for, coordinator, match_request):
    cote_nord = factories.RegionFactory(name="Côte-Nord", code="09")
    quebec = factories.MemberFactory(user__display_name="Marie Tremblay",
                                     age_range=AgeRange.FROM_30)
    baie_comeau = factories.MemberFactory(user__display_name="Marie Tremblay",
                                          region=cote_nord, age_range=AgeRange.FROM_65)
    response = client_for(coordinator).get(
        reverse("admin:jumelage_candidats", args=[match_request.pk]))
    text = response.text
    for member in (quebec, baie_comeau):
        assert f"Membre nº {member.pk}" in text
    assert "Côte-Nord (09)" in text and "65 à 74 ans" in text and "30 à 49 ans" in text
    assert "dans ses domaines" in text and "vos domaines" not in text
    assert text.count("points sur 100, soit") == 2


def test_observations_each_e_mailing_every_coordinator_are_limited(client_for, invitation,
                                                                   patient, coordinator):
    client = client_for(patient.user)
    url = reverse("jumelage:observation", args=[invitation.pk])
    for n in range(5):
        assert client.post(url, {"message": f"Observation {n}"}).status_code == 302
    response = client.post(url, {"message": "Une de trop"})
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.text
    assert "Une de trop" in response.text
    assert Observation.objects.count() == 5
    assert Notification.objects.filter(kind=NotificationKind.OBSERVATION,
                                       recipient=coordinator).count() == 5
