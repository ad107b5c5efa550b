"""Every search box ignores accents and case: "aines" finds "aînés" (ruisss/search.py)."""

import pytest
from django.urls import reverse

from jumelage import engine
from recrutement.models import Project
from ruisss.search import matching_words, strip_accents
from tests import factories

pytestmark = pytest.mark.django_db


def test_accents_and_ligatures_are_spelled_without_them():
    assert strip_accents("Aînés, ŒUVRE, Çà et là") == "Aines, OEUVRE, Ca et la"
    assert strip_accents(None) is None


@pytest.fixture
def projects():
    factories.ProjectFactory(title="Soutien aux aînés", summary="Vieillir à domicile")
    factories.ProjectFactory(title="Santé à l'école", summary="Jeunes et ÉCOLES secondaires")
    factories.ProjectFactory(title="Cœur et poumons", summary="Maladies chroniques")


@pytest.mark.parametrize(("typed", "found"), [
    ("aines", ["Soutien aux aînés"]),
    ("AÎNÉS", ["Soutien aux aînés"]),
    ("Aînes", ["Soutien aux aînés"]),
    ("ecole", ["Santé à l'école"]),
    ("sante ecoles", ["Santé à l'école"]),
    ("coeur", ["Cœur et poumons"]),
    ("aines ecole", []),
])
def test_the_project_search_ignores_accents_and_case(client, projects, typed, found):
    html = client.get(reverse("projets"), {"q": typed}).content.decode()
    for title in ("Soutien aux aînés", "Santé à l'école", "Cœur et poumons"):
        shown = title.replace("'", "&#x27;") in html
        assert shown == (title in found), (typed, title)


def test_each_word_must_appear_in_one_of_the_fields(projects):
    found = Project.objects.filter(matching_words("domicile AINES", "title", "summary"))
    assert list(found.values_list("title", flat=True)) == ["Soutien aux aînés"]


def test_the_admin_search_ignores_accents(client_for, coordinator):
    factories.MemberFactory(user__display_name="Hélène Côté")
    factories.MemberFactory(user__display_name="Marc Tremblay")
    html = client_for(coordinator).get(reverse("admin:communaute_member_changelist"),
                                       {"q": "helene cote"}).content.decode()
    assert "Hélène Côté" in html and "Marc Tremblay" not in html


@pytest.mark.parametrize("changelist", ["admin:recrutement_project_changelist",
                                        "admin:formation_course_changelist"])
def test_the_admin_finds_titles_without_their_accents(client_for, coordinator, changelist):
    factories.ProjectFactory(title="Proches aidants âgés")
    factories.CourseFactory(title="Proches aidants âgés")
    response = client_for(coordinator).get(reverse(changelist), {"q": "AGES"})
    assert response.status_code == 200
    assert "Proches aidants âgés" in response.content.decode()


def test_the_excluded_people_are_found_without_accents():
    project = factories.ProjectFactory()
    factories.MemberFactory(user__display_name="Élodie Bérubé", consent_matching=False)
    factories.MemberFactory(user__display_name="Elsa Roy", consent_matching=False)
    found = engine.exclusions(project, search="ELODIE berube")
    assert [member.user.display_name for member, codes in found] == ["Élodie Bérubé"]
