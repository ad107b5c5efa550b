import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from temoignages.enums import StoryStatus
from temoignages.models import Story
from tests.factories import StoryFactory
from tests.personas import user_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "coordinator", "outsider"]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_published_stories_and_their_feed(request, client_for, role):
    StoryFactory(title="Publié", status=StoryStatus.PUBLISHED, anonymous=True,
                 pen_name="Un patient de Lévis")
    StoryFactory(title="En relecture")
    client = client_for(user_of(request, role))
    html = client.get(reverse("temoignages")).content.decode()
    assert "Publié" in html and "Un patient de Lévis" in html and "En relecture" not in html
    feed = client.get(reverse("temoignages_flux"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"<title>Publi\xc3\xa9</title>" in feed.content
    assert b"En relecture" not in feed.content


@pytest.mark.parametrize("language, heading", [("fr-ca", "Témoignages"), ("en", "Stories")])
def test_an_anonymous_visitor_reads_the_stories_in_french_and_english(client, language,
                                                                      heading):
    client.cookies["django_language"] = language
    response = client.get(reverse("temoignages"))
    assert response.status_code == 200 and f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.parametrize("role, status", [
    ("anonymous", 404), ("patient", 200), ("caregiver", 404), ("team_member", 404),
    ("coordinator", 200), ("outsider", 404)])
def test_a_story_not_yet_published_is_seen_by_its_author_and_coordinators_only(
        request, client_for, patient, role, status):
    story = StoryFactory(author=patient.user)
    assert client_for(user_of(request, role)).get(story.get_absolute_url()).status_code == status


@pytest.mark.parametrize("name", ["temoignage_ecrire", "mes_temoignages"])
@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 200), ("caregiver", 200), ("team_member", 403),
    ("coordinator", 403), ("outsider", 403)])
def test_only_members_write_stories(request, client_for, name, role, status):
    assert client_for(user_of(request, role)).get(reverse(name)).status_code == status


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 200), ("caregiver", 404), ("team_member", 403),
    ("coordinator", 403), ("outsider", 403)])
def test_only_the_author_edits_a_story(request, client_for, patient, role, status):
    story = StoryFactory(author=patient.user, status=StoryStatus.CHANGES_REQUESTED)
    response = client_for(user_of(request, role)).get(
        reverse("temoignage_modifier", args=[story.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 302), ("caregiver", 404), ("team_member", 404),
    ("coordinator", 404), ("outsider", 404)])
def test_only_the_author_withdraws_a_story(request, client_for, patient, role, status):
    story = StoryFactory(author=patient.user, status=StoryStatus.PUBLISHED)
    response = client_for(user_of(request, role)).post(
        reverse("temoignage_retrait", args=[story.pk]))
    assert response.status_code == status
    story.refresh_from_db()
    assert (story.status == StoryStatus.WITHDRAWN) == (role == "patient")


def test_a_member_writes_a_draft_then_submits_it_with_consent(client_for, patient):
    client = client_for(patient.user)
    fields = {"title": "Mon comité", "text": "J'y ai appris l'écoute.", "domain": "gouvernance"}
    client.post(reverse("temoignage_ecrire"), {**fields, "action": "brouillon"})
    story = Story.objects.get(author=patient.user)
    assert story.status == StoryStatus.DRAFT
    response = client.post(reverse("temoignage_modifier", args=[story.pk]),
                           {**fields, "action": "soumettre"})
    assert response.status_code == 200
    assert 'id="id_publication_consent_error"' in response.content.decode()
    assert "Mon comité" in response.content.decode()
    client.post(reverse("temoignage_modifier", args=[story.pk]),
                {**fields, "publication_consent": "on", "action": "soumettre"})
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


def test_a_withdrawn_story_leaves_the_page_and_the_feed_at_once(client_for, patient):
    story = StoryFactory(author=patient.user, title="Mon histoire", status=StoryStatus.PUBLISHED)
    client = client_for(patient.user)
    client.post(reverse("temoignage_retrait", args=[story.pk]))
    anonymous = client_for(None)
    assert "Mon histoire" not in anonymous.get(reverse("temoignages")).content.decode()
    assert b"Mon histoire" not in anonymous.get(reverse("temoignages_flux")).content
    assert anonymous.get(story.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 302), ("team_member", 302), ("coordinator", 200)])
def test_only_coordinators_review_stories_in_the_admin(request, client_for, role, status):
    StoryFactory()
    response = client_for(user_of(request, role)).get(
        reverse("admin:temoignages_story_changelist"))
    assert response.status_code == status


def test_a_coordinator_asks_a_change_with_a_comment_from_the_admin(client_for, coordinator):
    story = StoryFactory()
    client = client_for(coordinator)
    url = reverse("admin:temoignages_story_changelist")
    page = client.post(url, {"action": "request_change", "_selected_action": [story.pk]})
    assert "Demander une modification" in page.content.decode()
    client.post(url, {"action": "request_change", "_selected_action": [story.pk],
                      "reason": "Précisez l'année, s'il vous plaît."})
    story.refresh_from_db()
    assert story.status == StoryStatus.CHANGES_REQUESTED
    assert story.review_comment == "Précisez l'année, s'il vous plaît."
    assert story.reviewed_by == coordinator


def _list_queries(client, size):
    StoryFactory.create_batch(size, status=StoryStatus.PUBLISHED)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("temoignages")).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_stories(client_for, patient):
    client = client_for(patient.user)
    assert _list_queries(client, 2) == _list_queries(client, 9)


def test_deleting_the_account_removes_the_member_stories_from_the_page_and_the_feed(
        client_for, patient):
    StoryFactory(author=patient.user, title="Mon histoire publiée",
                 status=StoryStatus.PUBLISHED)
    StoryFactory(author=patient.user, title="Mon brouillon", status=StoryStatus.DRAFT)
    response = client_for(patient.user).post(reverse("supprimer_compte"), {"confirm": "on"})
    assert response.status_code == 302
    assert not Story.objects.exists()
    anonymous = client_for(None)
    assert "Mon histoire publiée" not in anonymous.get(reverse("temoignages")).content.decode()
    assert "Mon histoire" not in anonymous.get(reverse("temoignages_flux")).content.decode()


def test_the_member_finds_their_stories_in_their_data(client_for, patient):
    StoryFactory(author=patient.user, title="Mon histoire à moi")
    data = client_for(patient.user).get(reverse("mes_donnees_json")).json()
    assert [row["title"] for row in data["stories"]] == ["Mon histoire à moi"]


def test_the_admin_home_leads_to_the_stories_awaiting_review(client_for, coordinator):
    StoryFactory(title="À relire")
    StoryFactory(title="Déjà publié", status=StoryStatus.PUBLISHED)
    client = client_for(coordinator)
    home = client.get(reverse("admin:index")).content.decode()
    url = reverse("admin:temoignages_story_changelist") + "?status__exact=soumis"
    assert f'href="{url}"' in home
    listing = client.get(url).content.decode()
    assert "À relire" in listing and "Déjà publié" not in listing
