"""Reference lists in both languages: each page reads them in its own language, French
when the English is missing; coordinators edit both; projects say their own language."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from communaute.models import HealthTopic, Region
from formation.models import Course
from recrutement.models import Establishment, Project, Team
from tests import factories
from tests.conftest import log_in

pytestmark = pytest.mark.django_db


def _in_english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_catalogue_reads_the_courses_in_the_page_language(client):
    french = client.get(reverse("formations")).content.decode()
    assert "Module 101 : Les fondements du partenariat patient" in french
    english = _in_english(client).get(reverse("formations")).content.decode()
    assert "Module 101: The foundations of patient partnership" in english
    assert "The basics of partnership with patients, families and citizens." in english
    assert "Les fondements du partenariat patient" not in english


def test_a_course_not_yet_translated_reads_in_french(client):
    factories.CourseFactory(title="Atelier sur la littératie en santé", slug="litteratie")
    english = _in_english(client).get(reverse("formations")).content.decode()
    assert "Atelier sur la littératie en santé" in english


def test_topics_and_regions_of_the_project_filters_are_in_english(client):
    english = _in_english(client).get(reverse("projets")).content.decode()
    assert "Mental health" in english and "First Nations and Inuit health" in english
    assert "Santé mentale" not in english
    assert "Capitale-Nationale (03)" in english


def test_every_list_of_the_platform_has_its_english_values():
    for model, field in ((Region, "name"), (HealthTopic, "name"), (Course, "title"),
                         (Course, "summary")):
        assert not model.objects.filter(**{f"{field}_en": None}).exists(), (model, field)
        assert not model.objects.filter(**{f"{field}_fr_ca": None}).exists(), (model, field)


def test_the_coordination_writes_both_languages_in_the_admin(client, coordinator):
    client = log_in(client, coordinator)
    form = client.get(reverse("admin:communaute_healthtopic_add")).content.decode()
    assert 'name="name_fr_ca"' in form and 'name="name_en"' in form
    response = client.post(reverse("admin:communaute_healthtopic_add"),
                           {"name_fr_ca": "Asthme", "name_en": "Asthma", "active": "on"})
    assert response.status_code == 302
    topic = HealthTopic.objects.get(name_fr_ca="Asthme")
    assert (topic.name_en, HealthTopic.objects.filter(pk=topic.pk).values("name")[0]) == (
        "Asthma", {"name": "Asthme"})
    course = Course.objects.get(slug="module-101-fondements")
    page = client.get(reverse("admin:formation_course_change", args=[course.pk]))
    for name in ("title_fr_ca", "title_en", "summary_en", "description_en"):
        assert f'name="{name}"' in page.content.decode()


def test_a_team_signing_up_in_english_names_its_establishment_once(client):
    factories.EstablishmentFactory(name="Hôpital de démonstration", name_en="Demo Hospital")
    signup = {"display_name": "Nadia Nouvelle", "role_title": "Researcher", "phone": "",
              "preferred_language": "en", "password": "Un-mot-solide-42", "team_kind": "recherche",
              "new_establishment_kind": "autre"}
    _in_english(client)
    for n, name in enumerate(["Demo hospital", "Clinique des Rives", "clinique des rives"]):
        client.post(reverse("equipe_inscription"), {
            **signup, "email": f"equipe{n}@exemple.ca", "team_name": f"Team {n}",
            "new_establishment_name": name})
    teams = Team.objects.order_by("name")
    assert [team.establishment.name_fr_ca for team in teams] == [
        "Hôpital de démonstration", "Clinique des Rives", "Clinique des Rives"]
    assert Establishment.objects.filter(name_fr_ca="Clinique des Rives").count() == 1


def test_a_project_says_the_language_it_is_written_in(client):
    project = factories.ProjectFactory(title="Peer support in English", written_in="en")
    html = client.get(reverse("projet", args=[project.pk])).content.decode()
    assert '<h1 lang="en">Peer support in English</h1>' in html
    assert "Rédigé en" in html and "English" in html
    listing = client.get(reverse("projets")).content.decode()
    assert '<h3 lang="en">' in listing


def test_the_demo_data_names_its_establishments_in_english(client):
    call_command("seed_demo", stdout=io.StringIO())
    assert not Establishment.objects.filter(name_en=None).exists()
    english = Project.objects.get(written_in="en")
    page = _in_english(client).get(reverse("projet", args=[english.pk])).content.decode()
    assert "Written in" in page
