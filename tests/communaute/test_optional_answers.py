"""Questions a person may leave aside: nothing ticked in advance, and an explicit
"Je préfère ne pas répondre" kept as such through the profile, the export and the
indicators."""

import json
import re

import pytest
from django.urls import reverse

from communaute.enums import AgeRange, EquityAnswer, Gender
from communaute.models import Member
from tests.communaute.conftest import join_all, post_step
from tests.conftest import log_in

pytestmark = pytest.mark.django_db

NO_ANSWER = "Je préfère ne pas répondre"


def _radios(html, name):
    return re.findall(rf'<input type="radio" name="{name}"[^>]*>', html)


def test_the_age_question_ticks_nothing_in_advance_and_offers_no_answer(client, join_answers):
    post_step(client, "compte", join_answers["compte"])
    html = client.get(reverse("rejoindre_etape", args=["qui"])).content.decode()
    radios = _radios(html, "age_range")
    assert len(radios) == len(AgeRange.choices)
    assert not [radio for radio in radios if 'value=""' in radio or "checked" in radio]
    assert 'value="ne_repond_pas"' in radios[-1]
    assert NO_ANSWER in html


def test_no_answer_is_kept_as_such(client, join_answers):
    join_answers["qui"]["age_range"] = AgeRange.NO_ANSWER
    join_answers["experience"].update(gender=Gender.NO_ANSWER, indigenous=EquityAnswer.NO_ANSWER,
                                      disability=EquityAnswer.NO_ANSWER)
    join_all(client, join_answers)
    member = Member.objects.get(user__email="nouvelle.personne@exemple.ca")
    assert member.age_range == AgeRange.NO_ANSWER
    assert member.gender == Gender.NO_ANSWER
    assert member.indigenous == member.disability == EquityAnswer.NO_ANSWER
    assert member.racialized == ""


def test_the_profile_form_has_no_placeholder_answer(client, patient):
    html = log_in(client, patient.user).get(reverse("profil")).content.decode()
    for name in ("age_range", "gender", "indigenous", "continuum_max", "modality"):
        radios = _radios(html, f"profil-{name}") or _radios(html, name)
        assert radios, name
        assert not [radio for radio in radios if 'value=""' in radio], name


def test_the_member_sees_no_answer_in_their_data(client, patient):
    Member.objects.filter(pk=patient.pk).update(age_range=AgeRange.NO_ANSWER,
                                                gender=Gender.NO_ANSWER)
    log_in(client, patient.user)
    data = json.loads(client.get(reverse("mes_donnees_json")).content)
    assert data["member"]["age_range"] == data["member"]["gender"] == AgeRange.NO_ANSWER


def test_the_indicators_count_those_who_prefer_not_to_answer(client, coordinator, patient):
    Member.objects.filter(pk=patient.pk).update(age_range=AgeRange.NO_ANSWER,
                                                gender=Gender.NO_ANSWER)
    response = log_in(client, coordinator).get(reverse("indicateurs"))
    assert response.status_code == 200
    assert NO_ANSWER in response.content.decode()
