import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communaute.enums import Audience, ContinuumStep, Domain
from ressources.enums import ResourceKind
from ressources.models import Download, Resource
from tests import files
from tests.factories import CourseFactory, ProjectFactory, ResourceFactory
from tests.personas import user_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient", "caregiver", "team_member", "coordinator", "outsider"]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_finds_public_resources_and_only_signed_in_people_the_others(
        request, client_for, role):
    ResourceFactory(title="Guide public")
    private = ResourceFactory(title="Gabarit réservé", public=False)
    ResourceFactory(title="Brouillon de guide", published=False)
    client = client_for(user_of(request, role))
    html = client.get(reverse("ressources")).content.decode()
    assert "Guide public" in html
    assert ("Gabarit réservé" in html) == (role != "anonymous")
    assert "Brouillon de guide" not in html
    response = client.get(private.get_absolute_url())
    if role == "anonymous":
        assert response.status_code == 302 and "/comptes/login/" in response.url
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_resource_is_found_by_no_one(request, client_for, role):
    resource = ResourceFactory(published=False, with_pdf=True)
    client = client_for(user_of(request, role))
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert client.get(reverse("ressource_telecharger", args=[resource.pk])).status_code == 404
    assert not Download.objects.exists()


@pytest.mark.parametrize("language, heading, title", [
    ("fr-ca", "Boîte à outils", "Guide de recrutement"),
    ("en", "Toolbox", "Recruitment guide")])
def test_an_anonymous_visitor_reads_the_toolbox_in_french_and_english(client, language, heading,
                                                                     title):
    ResourceFactory(title="Guide de recrutement", title_en="Recruitment guide")
    client.cookies["django_language"] = language
    html = client.get(reverse("ressources")).content.decode()
    assert heading in html and title in html


def test_search_and_filters_narrow_the_list(client):
    ResourceFactory(title="Guide du groupe de discussion", kind=ResourceKind.GUIDE,
                    audience=Audience.TEAMS, domains=[Domain.RESEARCH],
                    steps=[ContinuumStep.CONSULTATION])
    ResourceFactory(title="Matrice d'engagement", kind=ResourceKind.TEMPLATE,
                    audience=Audience.EVERYONE, domains=[Domain.CARE],
                    steps=[ContinuumStep.PARTNERSHIP])
    ResourceFactory(title="Engagement à la confidentialité", kind=ResourceKind.TEMPLATE,
                    audience=Audience.MEMBERS)

    def titles(**params):
        html = client.get(reverse("ressources"), params).content.decode()
        return {title for title in ["Guide du groupe de discussion", "Matrice d&#x27;engagement",
                                    "Engagement à la confidentialité"] if title in html}

    assert titles(q="discussion") == {"Guide du groupe de discussion"}
    assert titles(q="ENGAGEMENT") == {"Matrice d&#x27;engagement",
                                      "Engagement à la confidentialité"}
    assert titles(kind="modele") == {"Matrice d&#x27;engagement",
                                     "Engagement à la confidentialité"}
    assert titles(audience="equipes") == {"Guide du groupe de discussion",
                                          "Matrice d&#x27;engagement"}
    assert titles(domain="recherche") == {"Guide du groupe de discussion"}
    assert titles(step="4") == {"Matrice d&#x27;engagement"}


def test_a_bad_filter_value_is_explained_beside_the_field(client):
    response = client.get(reverse("ressources"), {"step": "neuf"})
    assert response.status_code == 200
    assert 'id="id_step_error"' in response.content.decode()


def _list_queries(client, size):
    ResourceFactory.create_batch(size)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("ressources")).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_resources(client_for, patient):
    client = client_for(patient.user)
    assert _list_queries(client, 3) == _list_queries(client, 15)


def test_downloading_a_file_gives_it_as_an_attachment_and_counts_it(client):
    resource = ResourceFactory(title="Guide de l'usager collaborateur", with_pdf=True)
    response = client.get(reverse("ressource_telecharger", args=[resource.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == \
        'attachment; filename="guide-de-lusager-collaborateur.pdf"'
    assert b"".join(response.streaming_content) == files.pdf()
    assert Download.objects.filter(resource=resource).count() == 1


def test_following_a_link_is_counted_too(client):
    resource = ResourceFactory(link="https://exemple.ca/sondage")
    response = client.get(reverse("ressource_telecharger", args=[resource.pk]))
    assert response.status_code == 302 and response.url == "https://exemple.ca/sondage"
    assert Download.objects.count() == 1


def test_a_private_file_is_not_downloaded_by_a_visitor_nor_from_a_media_address(client):
    resource = ResourceFactory(public=False, with_pdf=True)
    response = client.get(reverse("ressource_telecharger", args=[resource.pk]))
    assert response.status_code == 302 and "/comptes/login/" in response.url
    assert client.get("/media/" + resource.file.name).status_code == 404
    assert not Download.objects.exists()


def test_a_course_and_a_project_point_to_their_resources(client_for, patient):
    guide = ResourceFactory(title="Guide du comité")
    reserved = ResourceFactory(title="Gabarit réservé", public=False)
    course = CourseFactory()
    course.resources.set([guide, reserved])
    project = ProjectFactory(status="publie")
    project.resources.set([guide])
    html = client_for(None).get(course.get_absolute_url()).content.decode()
    assert "Guide du comité" in html and "Gabarit réservé" not in html
    assert "Gabarit réservé" in client_for(patient.user).get(
        course.get_absolute_url()).content.decode()
    assert "Guide du comité" in client_for(patient.user).get(
        reverse("projet", args=[project.pk])).content.decode()


@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("patient", 403), ("team_member", 403), ("coordinator", 200)])
def test_only_coordinators_manage_the_toolbox(request, client_for, role, status):
    response = client_for(user_of(request, role)).get(
        reverse("admin:ressources_resource_changelist"))
    expected = 302 if status == 403 else status
    assert response.status_code == expected


def test_the_admin_refuses_a_renamed_executable_with_a_message(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(reverse("admin:ressources_resource_add"), {
        "title": "Guide", "title_en": "Guide", "summary": "Résumé", "summary_en": "Summary",
        "kind": "guide", "audience": "tous", "public": "on", "published": "on",
        "created_at_0": "2026-01-05", "created_at_1": "10:00",
        "file": SimpleUploadedFile("guide.pdf", files.executable())})
    assert response.status_code == 200
    assert "n&#x27;est pas celui d&#x27;un fichier PDF" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_download_is_never_kept_in_a_cache_where_it_would_not_be_counted(client):
    resource = ResourceFactory(with_pdf=True)
    response = client.get(reverse("ressource_telecharger", args=[resource.pk]))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_downloads_a_public_file_and_signed_in_people_a_reserved_one(
        request, client_for, role):
    public = ResourceFactory(with_pdf=True)
    reserved = ResourceFactory(with_pdf=True, public=False)
    client = client_for(user_of(request, role))
    assert client.get(reverse("ressource_telecharger", args=[public.pk])).status_code == 200
    response = client.get(reverse("ressource_telecharger", args=[reserved.pk]))
    assert response.status_code == (302 if role == "anonymous" else 200)
    assert Download.objects.filter(resource=reserved).count() == (role != "anonymous")
