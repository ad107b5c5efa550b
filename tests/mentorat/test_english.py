"""The new pages read in English for a person who chose English."""

import pytest
from django.urls import reverse

from accompagnement import services as accompaniment
from accompagnement.models import Phase
from jumelage.enums import PairingStatus
from mentorat import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_mentoring_support_and_plan_pages_in_english(client_for, team, team_member, patient,
                                                     coordinator):
    factories.MentorOfferFactory(member=factories.MemberFactory())
    ask = services.mentoring_request_create(member=patient)
    mentor = factories.MentorOfferFactory(member=factories.MemberFactory()).member
    services.mentoring_pair(request=ask, mentor=mentor, by=coordinator)
    project = factories.ProjectFactory(team=team)
    factories.PairingFactory(project=project, member=patient, status=PairingStatus.ACTIVE)
    phase = Phase.objects.get(name_en="Designing the project")
    accompaniment.plan_save(project=project, by=team_member, lines=[{
        "phase": phase, "continuum_step": 3, "partners_role": "Co-design",
        "expected_hours": 2}])

    client = client_for(patient.user)
    client.cookies["django_language"] = "en"
    space = client.get(reverse("mentorat:espace")).text
    assert "Peer mentoring" in space and "I accept this mentoring" in space
    plan = client.get(reverse("accompagnement:plan", args=[project.pk])).text
    assert "Designing the project" in plan and "I agree with this plan" in plan

    team_client = client_for(team_member)
    team_client.cookies["django_language"] = "en"
    page = team_client.get(reverse("accompagnement:soutien_nouvelle")).text
    assert "Methodological support (focus group, survey)" in page
