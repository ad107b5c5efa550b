import pytest

from communaute.enums import ContinuumStep, Domain, Language, Modality
from recrutement.enums import Compensation, ProjectStatus
from recrutement.filters import ProjectFilter
from recrutement.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


def titles(**params):
    filterset = ProjectFilter(params, queryset=Project.objects.open())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("title", flat=True))


@pytest.fixture
def catalogue():
    capitale = factories.RegionFactory(name="Capitale-Nationale", code="03")
    chaudiere = factories.RegionFactory(name="Chaudière-Appalaches", code="12")
    diabetes = factories.HealthTopicFactory(name="Diabète")
    made = {}

    def make(title, regions=(), topics=(), **fields):
        project = factories.ProjectFactory(title=title, **fields)
        project.regions.set(regions)
        project.health_topics.set(topics)
        made[title] = project

    make("Soins Québec", main_domain=Domain.CARE, modality=Modality.IN_PERSON,
         regions=[capitale], topics=[diabetes], kinds_sought=["patient"],
         continuum_step=ContinuumStep.COLLABORATION, compensation=Compensation.HOURLY,
         languages=[Language.FRENCH])
    make("Recherche à distance", main_domain=Domain.RESEARCH,
         other_domains=[Domain.CARE], modality=Modality.REMOTE, kinds_sought=["citoyen"],
         languages=[Language.FRENCH, Language.ENGLISH], summary="Diabète et alimentation")
    make("Gouvernance Lévis", main_domain=Domain.GOVERNANCE, modality=Modality.HYBRID,
         regions=[chaudiere], kinds_sought=["proche_aidant", "patient"],
         continuum_step=ContinuumStep.PARTNERSHIP, languages=[Language.ENGLISH])
    make("Brouillon soins", main_domain=Domain.CARE, status=ProjectStatus.DRAFT)
    return {"capitale": capitale, "chaudiere": chaudiere, "diabetes": diabetes}


def test_domain_matches_the_main_domain_or_another_domain(catalogue):
    assert titles(domain=Domain.CARE) == {"Soins Québec", "Recherche à distance"}
    assert titles(domain=Domain.GOVERNANCE) == {"Gouvernance Lévis"}


def test_region_includes_projects_done_at_a_distance(catalogue):
    assert titles(region=catalogue["capitale"].pk) == {"Soins Québec",
                                                       "Recherche à distance"}
    assert titles(region=catalogue["chaudiere"].pk) == {"Gouvernance Lévis",
                                                        "Recherche à distance"}
    assert titles(remote="false") == {"Soins Québec"}


def test_member_kind_and_language_read_the_bitmasks(catalogue):
    assert titles(kind="patient") == {"Soins Québec", "Gouvernance Lévis"}
    assert titles(language="en") == {"Recherche à distance", "Gouvernance Lévis"}
    assert titles(kind="patient", language="en") == {"Gouvernance Lévis"}


def test_filters_combine(catalogue):
    assert titles(domain=Domain.CARE, region=catalogue["capitale"].pk,
                  compensation=Compensation.HOURLY) == {"Soins Québec"}
    assert titles(domain=Domain.CARE, remote="true") == {"Recherche à distance"}
    assert titles(topic=catalogue["diabetes"].pk, continuum_step=3) == {"Soins Québec"}
    assert titles(continuum_step=4, kind="citoyen") == set()


def test_search_looks_in_title_and_summary(catalogue):
    assert titles(q="diabète") == {"Recherche à distance"}
    assert titles(q="lévis") == {"Gouvernance Lévis"}
    assert titles(q="distance diabète", domain=Domain.RESEARCH) == {"Recherche à distance"}


def test_drafts_never_show_whatever_the_filters(catalogue):
    assert "Brouillon soins" not in titles()
    assert "Brouillon soins" not in titles(domain=Domain.CARE)
