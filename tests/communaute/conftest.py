import pytest
from django.urls import reverse

from communaute.models import HealthTopic, Region
from tests.factories import PASSWORD


@pytest.fixture
def join_answers(db):
    """What a new person types at each step of the join form, step by step."""
    region = Region.objects.get(name="Capitale-Nationale")
    cancer = HealthTopic.objects.get(name="Cancer")
    return {
        "compte": {"email": "nouvelle.personne@exemple.ca", "password1": PASSWORD,
                   "password2": PASSWORD, "display_name": "Nadia Nouvelle",
                   "legal_name": "Nadine Nouvelle", "preferred_language": "fr-ca",
                   "phone": "418 555-0199", "contact_channel": "courriel"},
        "qui": {"kinds": ["patient", "proche_aidant"], "age_range": "50_64",
                "region": str(region.pk), "municipality": "Lévis", "languages": ["fr"]},
        "vecu": {"consent_sensitive": "on", "health_topics": [str(cancer.pk)],
                 "care_trajectories": "Oncologie au CHU", "lived_experience": "Mon parcours."},
        "souhaits": {"domains": ["recherche", "gouvernance"], "continuum_max": "3",
                     "modality": "distance", "hours_per_month": "6",
                     "availability": "Le soir", "max_projects": "2",
                     "accommodations": "", "wants_compensation": "on"},
        "experience": {"past_involvement": "", "trainings_declared": "Module 101",
                       "heard_about": "Une amie", "gender": "femme"},
        "consentements": {"consent_matching": "on"},
    }


def post_step(client, step, data):
    return client.post(reverse("rejoindre_etape", args=[step]), data)


def join_all(client, answers):
    """Send every step; returns the last response."""
    response = None
    for step, data in answers.items():
        response = post_step(client, step, data)
    return response
