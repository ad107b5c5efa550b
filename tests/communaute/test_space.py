import pytest
from django.urls import reverse
from django.utils import timezone

from communaute.enums import ConsentKind, MemberStatus
from communaute.services import consent_record, has_consent
from jumelage.enums import PairingStatus
from jumelage.scoring import INACTIVE, NO_CONSENT, PAUSED
from tests import factories
from tests.eligibility import personal_exclusions
from tests.personas import user_of

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["profil", "pause", "retrait", "consentements", "engagement_confidentialite"]
ANYONE_LOGGED_IN = ["espace", "mes_donnees", "mes_donnees_json", "supprimer_compte"]


@pytest.mark.parametrize("page", MEMBER_PAGES)
@pytest.mark.parametrize("persona, expected", [
    (None, 302), ("patient", 200), ("caregiver", 200), ("team_member", 403),
    ("other_team_member", 403), ("coordinator", 403), ("outsider", 403),
])
def test_member_pages_are_for_members_only(request, client_for, page, persona, expected):
    response = client_for(user_of(request, persona)).get(reverse(page))
    assert response.status_code == expected


@pytest.mark.parametrize("page", ANYONE_LOGGED_IN)
@pytest.mark.parametrize("persona, expected", [
    (None, 302), ("patient", 200), ("caregiver", 200), ("team_member", 200),
    ("other_team_member", 200), ("coordinator", 200),
])
def test_personal_pages_need_a_login(request, client_for, page, persona, expected):
    response = client_for(user_of(request, persona)).get(reverse(page))
    assert response.status_code == expected


def test_the_resume_button_only_answers_a_post(client_for, patient):
    assert client_for(patient.user).get(reverse("reprendre")).status_code == 405


def test_each_member_sees_only_their_own_profile_and_data(client_for, patient, caregiver):
    caregiver.municipality = "Rimouski"
    caregiver.save()
    client = client_for(patient.user)
    for page in ("espace", "profil", "mes_donnees", "mes_donnees_json"):
        html = client.get(reverse(page)).content.decode()
        assert "Carole Aidante" not in html
        assert "Rimouski" not in html


def test_the_dashboard_shows_status_invitations_and_trainings(client_for, patient):
    pairing = factories.PairingFactory(member=patient, project__title="Projet Soleil",
                                       status=PairingStatus.APPROVED)
    factories.CompletionFactory(user=patient.user, course__title="Module 101")
    html = client_for(patient.user).get(reverse("espace")).content.decode()
    assert "Actif" in html
    assert pairing.project.title in html
    assert "Module 101" in html
    assert reverse("engagement_confidentialite") in html


def test_a_team_member_without_profile_still_gets_a_useful_space(client_for, team_member):
    html = client_for(team_member).get(reverse("espace")).content.decode()
    assert f'<a href="{reverse("equipe")}">Ouvrir l\'espace de mon équipe</a>' in html
    assert reverse("mes_donnees") in html


def test_a_member_in_a_team_reaches_the_team_from_their_space(client_for, patient, team):
    factories.TeamMembershipFactory(team=team, user=patient.user)
    html = client_for(patient.user).get(reverse("espace")).content.decode()
    assert "Ouvrir l'espace de mon équipe" in html and "Mes heures" not in html


def test_a_member_edits_the_profile_and_it_counts_as_activity(client_for, patient):
    patient.last_activity_at = timezone.now() - timezone.timedelta(days=400)
    patient.retention_reminded_at = timezone.now()
    patient.save()
    client = client_for(patient.user)
    data = {
        "compte-display_name": "Paule P.", "compte-legal_name": "Paule Patiente",
        "compte-preferred_language": "en", "compte-phone": "",
        "profil-kinds": ["patient"], "profil-age_range": "50_64",
        "profil-region": str(patient.region.pk), "profil-municipality": "Beauport",
        "profil-languages": ["fr"], "profil-contact_channel": "courriel",
        "profil-domains": ["recherche"], "profil-continuum_max": "2",
        "profil-modality": "distance", "profil-hours_per_month": "3",
        "profil-max_projects": "1", "profil-lived_experience": "Ne doit pas rester",
    }
    response = client.post(reverse("profil"), data)
    assert response.status_code == 302
    patient.refresh_from_db()
    patient.user.refresh_from_db()
    assert patient.user.display_name == "Paule P."
    assert patient.municipality == "Beauport"
    assert patient.hours_per_month == 3
    # No consent (2): the sensitive field is not even on the form, nothing is kept.
    assert patient.lived_experience == ""
    assert patient.retention_reminded_at is None
    assert patient.last_activity_at > timezone.now() - timezone.timedelta(minutes=1)


def test_a_profile_error_keeps_what_was_typed(client_for, patient):
    response = client_for(patient.user).post(reverse("profil"), {
        "compte-display_name": "Nom gardé", "profil-hours_per_month": "500"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nom gardé"' in html
    assert "entre 1 et 80" in html


def test_a_pause_makes_the_member_unproposable_until_the_date(client_for, patient):
    client = client_for(patient.user)
    until = timezone.localdate() + timezone.timedelta(days=30)
    assert client.post(reverse("pause"), {"until": until.isoformat()}).status_code == 302
    assert personal_exclusions(patient) == {PAUSED}
    client.post(reverse("reprendre"))
    assert personal_exclusions(patient) == set()


def test_a_pause_in_the_past_is_refused_beside_the_field(client_for, patient):
    response = client_for(patient.user).post(reverse("pause"), {"until": "2001-01-01"})
    assert 'id="id_until_error"' in response.content.decode()


def test_withdrawing_from_the_community_stops_all_proposals(client_for, patient):
    response = client_for(patient.user).post(reverse("retrait"), {"confirm": "on"})
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.status == MemberStatus.WITHDRAWN
    assert not patient.consent_matching
    assert personal_exclusions(patient) == {INACTIVE, NO_CONSENT}


def test_withdrawing_consent_1_makes_the_member_unproposable_at_once(client_for, patient):
    consent_record(member=patient, kind=ConsentKind.MATCHING, given=True)
    client_for(patient.user).post(reverse("consentements"), {"kind": "jumelage", "given": "0"})
    assert personal_exclusions(patient) == {NO_CONSENT}
    assert not has_consent(patient, ConsentKind.MATCHING)


def test_withdrawing_consent_2_erases_the_sensitive_answers_at_once(client_for, patient):
    topic = factories.HealthTopicFactory()
    consent_record(member=patient, kind=ConsentKind.SENSITIVE, given=True)
    patient.lived_experience = "Mon vécu"
    patient.care_trajectories = "Urgence"
    patient.save()
    patient.health_topics.add(topic)
    client_for(patient.user).post(reverse("consentements"), {"kind": "sante", "given": "0"})
    patient.refresh_from_db()
    assert patient.lived_experience == patient.care_trajectories == ""
    assert not patient.health_topics.exists()
    assert not patient.consent_sensitive


def test_every_consent_change_is_kept_in_the_history(client_for, patient):
    client = client_for(patient.user)
    client.post(reverse("consentements"), {"kind": "nouvelles", "given": "1"})
    client.post(reverse("consentements"), {"kind": "nouvelles", "given": "0"})
    history = list(patient.consents.filter(kind="nouvelles").values_list("given", flat=True))
    assert history == [False, True]
    assert "2026-11" in client.get(reverse("consentements")).content.decode()


def test_a_forged_consent_kind_is_ignored(client_for, patient):
    client_for(patient.user).post(reverse("consentements"), {"kind": "autre", "given": "1"})
    assert not patient.consents.exists()


def test_the_confidentiality_commitment_is_recorded_once_accepted(client_for, patient):
    client = client_for(patient.user)
    assert not has_consent(patient, ConsentKind.CONFIDENTIALITY)
    response = client.post(reverse("engagement_confidentialite"), {})
    assert 'id="id_accept_error"' in response.content.decode()
    client.post(reverse("engagement_confidentialite"), {"accept": "on"})
    assert has_consent(patient, ConsentKind.CONFIDENTIALITY)


def test_the_space_asks_for_the_confidentiality_commitment_until_it_is_taken(
        client_for, patient):
    client = client_for(patient.user)
    link = reverse("engagement_confidentialite")
    asked = "Lire et accepter l'engagement à la confidentialité"
    assert asked in client.get(reverse("espace")).content.decode()
    consent_record(member=patient, kind=ConsentKind.CONFIDENTIALITY, given=True)
    page = client.get(reverse("espace")).content.decode()
    assert asked not in page and link in page
    consent_record(member=patient, kind=ConsentKind.CONFIDENTIALITY, given=False)
    assert asked in client.get(reverse("espace")).content.decode()
