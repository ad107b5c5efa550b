"""Who the engine ranks, who it excludes and why, and how coordinators steer it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import Domain, MemberKind
from formation.enums import CompletionStatus
from jumelage import engine, scoring
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import MatchingConfig
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(team):
    return factories.ProjectFactory(team=team, main_domain=Domain.RESEARCH)


def ranked_ids(project, **kwargs):
    return [c.member.pk for c in engine.rank(project, **kwargs)]


def excluded_codes(project, member):
    return dict((m.pk, codes) for m, codes in engine.exclusions(project)).get(member.pk)


def test_an_eligible_member_is_ranked_with_named_factors(project, patient):
    [candidate] = engine.rank(project)
    assert candidate.member == patient
    codes = [factor["code"] for factor in candidate.factors]
    assert scoring.MAIN_DOMAIN in codes and scoring.ROTATION_NEVER in codes
    assert 0 <= candidate.score <= 100


def test_a_paused_member_is_never_ranked(project, patient):
    patient.paused_until = timezone.localdate() + timedelta(days=10)
    patient.save()
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [scoring.PAUSED]


def test_a_member_at_their_maximum_of_engagements_is_never_ranked(project, patient):
    patient.max_projects = 1
    patient.save()
    factories.PairingFactory(member=patient, status=PairingStatus.ACTIVE)
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [scoring.CAPACITY]


def test_a_member_missing_a_required_training_is_never_ranked(project, patient):
    course = factories.CourseFactory()
    project.required_courses.add(course)
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [scoring.TRAINING]
    factories.CompletionFactory(user=patient.user, course=course,
                                status=CompletionStatus.CONFIRMED)
    assert ranked_ids(project) == [patient.pk]


def test_a_member_who_declined_is_never_ranked_again(project, patient):
    factories.PairingFactory(project=project, member=patient, status=PairingStatus.DECLINED)
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [scoring.ALREADY]


def test_a_kind_the_project_does_not_seek_and_no_shared_language_exclude(project, citizen):
    project.kinds_sought = [MemberKind.PATIENT]
    project.languages = ["en"]
    project.save()
    assert ranked_ids(project) == []
    assert excluded_codes(project, citizen) == [scoring.KIND, scoring.LANGUAGE]


def test_an_in_person_project_only_ranks_its_regions_and_a_remote_one_all(project, patient):
    elsewhere = factories.RegionFactory(name="Côte-Nord", code="09")
    project.modality = "presentiel"
    project.save()
    project.regions.add(elsewhere)
    assert excluded_codes(project, patient) == [scoring.REGION]
    project.modality = "distance"
    project.save()
    assert ranked_ids(project) == [patient.pk]


def test_ties_break_the_same_way_every_time(project):
    members = factories.MemberFactory.create_batch(6)
    ranks = {tuple(ranked_ids(project)) for _ in range(3)}
    assert ranks == {tuple(sorted(m.pk for m in members))}


def test_the_interest_of_a_member_raises_them_above_an_equal_one(project):
    first, second = factories.MemberFactory.create_batch(2)
    assert ranked_ids(project) == [first.pk, second.pk]
    factories.PairingFactory(project=project, member=second, origin=PairingOrigin.INTEREST)
    assert ranked_ids(project) == [second.pk, first.pk]


def test_fair_rotation_puts_the_often_invited_after_the_never_invited(project):
    often, never = factories.MemberFactory.create_batch(2)
    for _ in range(2):
        factories.PairingFactory(member=often, status=PairingStatus.ENDED,
                                 approved_at=timezone.now() - timedelta(days=30))
    assert ranked_ids(project) == [never.pk, often.pk]


def test_the_balanced_shortlist_interleaves_kinds(project):
    patients = factories.MemberFactory.create_batch(2, kinds=[MemberKind.PATIENT],
                                                    hours_per_month=10)
    citizen = factories.MemberFactory(kinds=[MemberKind.CITIZEN], hours_per_month=1)
    assert ranked_ids(project, balanced=False) == [p.pk for p in patients] + [citizen.pk]
    assert ranked_ids(project, balanced=True) == [patients[0].pk, citizen.pk, patients[1].pk]


def test_changing_a_weight_in_the_admin_changes_the_ranking(client_for, coordinator, project):
    project.other_domains = [Domain.GOVERNANCE]
    project.save()
    researcher = factories.MemberFactory(domains=[Domain.RESEARCH], hours_per_month=1)
    governor = factories.MemberFactory(domains=[Domain.GOVERNANCE], hours_per_month=10)
    assert ranked_ids(project) == [researcher.pk, governor.pk]

    config = MatchingConfig.load()
    client = client_for(coordinator)
    url = reverse("admin:jumelage_matchingconfig_change", args=[config.pk])
    data = {field.name: getattr(config, field.name) for field in config._meta.fields
            if field.editable and field.name != "id"}
    data["weight_main_domain"] = 5
    data["balanced_shortlist"] = ""
    response = client.post(url, data)
    assert response.status_code == 302, response.content
    assert ranked_ids(project) == [governor.pk, researcher.pk]


def test_the_ranking_takes_the_same_number_of_queries_for_5_and_25_members(project):
    w = engine.weights_of(MatchingConfig.load())

    def queries():
        with CaptureQueriesContext(connection) as captured:
            engine.rank(project, weights=w, limit=50, balanced=False)
        return len(captured)

    factories.MemberFactory.create_batch(5)
    five = queries()
    factories.MemberFactory.create_batch(20)
    assert queries() == five
