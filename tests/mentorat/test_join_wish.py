"""A newcomer asks for a mentor with a box on the last step of the join form."""

import pytest
from django.urls import reverse

from mentorat.enums import MentoringRequestStatus
from mentorat.models import MentoringRequest
from tests.communaute.conftest import join_all

pytestmark = pytest.mark.django_db


def test_the_last_step_offers_the_box_unticked(client, join_answers):
    answers = dict(join_answers)
    answers.pop("consentements")
    join_all(client, answers)
    page = client.get(reverse("rejoindre_etape", args=["consentements"])).text
    assert "mentorat entre pairs" in page
    assert 'name="souhait_mentorat"' in page
    assert "checked" not in page.split('name="souhait_mentorat"')[1].split(">")[0]


@pytest.mark.parametrize("ticked", [True, False])
def test_ticking_the_box_asks_for_a_mentor(client, join_answers, ticked):
    if ticked:
        join_answers["consentements"]["souhait_mentorat"] = "on"
    join_all(client, join_answers)
    requests = MentoringRequest.objects.filter(
        member__user__email="nouvelle.personne@exemple.ca",
        status=MentoringRequestStatus.OPEN)
    assert requests.exists() == ticked
