"""Who the engine ranks, who it excludes and why, and how coordinators steer it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communaute.enums import ContinuumStep, Domain, MemberKind, Modality
from formation.enums import CompletionStatus
from jumelage import engine, scoring
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import MatchingConfig
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(team):
    return factories.ProjectFactory(team=team, main_domain=Domain.RESEARCH)


@pytest.fixture
def capitale(db):
    return factories.RegionFactory(name="Capitale-Nationale", code="03")


@pytest.fixture
def cote_nord(db):
    return factories.RegionFactory(name="Côte-Nord", code="09")


def ranked_ids(project, **kwargs):
    return [c.member.pk for c in engine.rank(project, **kwargs)]


def excluded_codes(project, member):
    return dict((m.pk, codes) for m, codes in engine.exclusions(project)).get(member.pk)


def held(project, modality, *regions):
    project.modality = modality
    project.save()
    project.regions.set(regions)
    return project


def invited(member, days_ago, status=PairingStatus.DECLINED, **kwargs):
    """A solicitation of `member` for another project, `days_ago` days ago."""
    return factories.PairingFactory(member=member, status=status,
                                    approved_at=timezone.now() - timedelta(days=days_ago),
                                    **kwargs)


def test_an_eligible_member_is_ranked_with_named_factors(project, patient):
    [candidate] = engine.rank(project)
    assert candidate.member == patient
    codes = [factor["code"] for factor in candidate.factors]
    assert scoring.MAIN_DOMAIN in codes and scoring.ROTATION_NONE in codes
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


def test_a_pending_invitation_elsewhere_takes_a_place_in_the_capacity(project, patient):
    patient.max_projects = 1
    patient.save()
    elsewhere = invited(patient, 2, status=PairingStatus.APPROVED)
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [scoring.CAPACITY]
    elsewhere.status = PairingStatus.DECLINED
    elsewhere.save()
    assert ranked_ids(project) == [patient.pk]


def test_a_member_missing_a_required_training_is_never_ranked(project, patient):
    course = factories.CourseFactory()
    project.required_courses.add(course)
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [scoring.TRAINING]
    factories.CompletionFactory(user=patient.user, course=course,
                                status=CompletionStatus.CONFIRMED)
    assert ranked_ids(project) == [patient.pk]


@pytest.mark.parametrize(("status", "code"), [
    (PairingStatus.APPROVED, scoring.INVITED_HERE),
    (PairingStatus.ACCEPTED, scoring.ENGAGED_HERE),
    (PairingStatus.ACTIVE, scoring.ENGAGED_HERE),
    (PairingStatus.ENDED, scoring.ENDED_HERE),
    (PairingStatus.DECLINED, scoring.DECLINED_HERE),
    (PairingStatus.CANCELLED, scoring.SET_ASIDE_HERE),
])
def test_a_pairing_past_the_proposal_excludes_with_its_own_reason(project, patient, status,
                                                                  code):
    factories.PairingFactory(project=project, member=patient, status=status)
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [code]


def test_a_kind_the_project_does_not_seek_and_no_shared_language_exclude(project, citizen):
    project.kinds_sought = [MemberKind.PATIENT]
    project.languages = ["en"]
    project.save()
    assert ranked_ids(project) == []
    assert excluded_codes(project, citizen) == [scoring.KIND, scoring.LANGUAGE]


# Modality, on both sides ------------------------------------------------------------------

def test_an_in_person_project_excludes_a_member_outside_its_regions(project, cote_nord,
                                                                   patient):
    held(project, Modality.IN_PERSON, cote_nord)
    assert excluded_codes(project, patient) == [scoring.REGION]
    held(project, Modality.REMOTE)
    assert ranked_ids(project) == [patient.pk]


def test_a_remote_only_member_is_not_proposed_for_an_in_person_project(project, capitale):
    remote_only = factories.MemberFactory(region=capitale, modality=Modality.REMOTE)
    either = factories.MemberFactory(region=capitale, modality=Modality.HYBRID)
    held(project, Modality.IN_PERSON, capitale)
    assert ranked_ids(project) == [either.pk]
    assert excluded_codes(project, remote_only) == [scoring.NOT_IN_PERSON]


def test_an_in_person_only_member_is_not_proposed_for_a_remote_project(project, capitale):
    in_person_only = factories.MemberFactory(region=capitale, modality=Modality.IN_PERSON)
    either = factories.MemberFactory(region=capitale, modality=Modality.HYBRID)
    held(project, Modality.REMOTE)
    assert ranked_ids(project) == [either.pk]
    assert excluded_codes(project, in_person_only) == [scoring.NOT_REMOTE]


def test_a_hybrid_project_takes_its_regions_and_whoever_accepts_remote(project, capitale,
                                                                       cote_nord):
    near_in_person = factories.MemberFactory(region=capitale, modality=Modality.IN_PERSON)
    near_remote = factories.MemberFactory(region=capitale, modality=Modality.REMOTE)
    far_remote = factories.MemberFactory(region=cote_nord, modality=Modality.REMOTE)
    far_either = factories.MemberFactory(region=cote_nord, modality=Modality.HYBRID)
    far_in_person = factories.MemberFactory(region=cote_nord, modality=Modality.IN_PERSON)
    held(project, Modality.HYBRID, capitale)
    assert set(ranked_ids(project)) == {near_in_person.pk, near_remote.pk, far_remote.pk,
                                        far_either.pk}
    assert excluded_codes(project, far_in_person) == [scoring.HYBRID_FAR]


# The engagement level is the member's limit ------------------------------------------------

def test_a_project_two_steps_beyond_the_members_wish_is_an_exclusion(project, patient):
    patient.continuum_max = ContinuumStep.INFORMATION
    patient.save()
    project.continuum_step = ContinuumStep.COLLABORATION
    project.save()
    assert ranked_ids(project) == []
    assert excluded_codes(project, patient) == [scoring.LEVEL]


def test_a_project_one_step_beyond_scores_less_and_says_so(project, patient):
    patient.continuum_max = ContinuumStep.INFORMATION
    patient.save()
    project.continuum_step = ContinuumStep.CONSULTATION
    project.save()
    w = scoring.Weights()
    [candidate] = engine.rank(project, weights=w)
    [stretch] = [f for f in candidate.factors if f["code"] == scoring.CONTINUUM_STRETCH]
    assert stretch["points"] == w.continuum_stretch < w.continuum
    assert stretch["args"] == {"step": ContinuumStep.CONSULTATION,
                               "wish": ContinuumStep.INFORMATION}


def test_with_the_default_weights_no_domain_outweighs_a_members_limit(project):
    project.other_domains = [Domain.GOVERNANCE]
    project.continuum_step = ContinuumStep.COLLABORATION
    project.save()
    within_limit = factories.MemberFactory(domains=[Domain.TEACHING],
                                           continuum_max=ContinuumStep.COLLABORATION)
    both_domains_one_step_beyond = factories.MemberFactory(
        domains=[Domain.RESEARCH, Domain.GOVERNANCE], continuum_max=ContinuumStep.CONSULTATION)
    assert ranked_ids(project, weights=scoring.Weights()) == [
        within_limit.pk, both_domains_one_step_beyond.pk]


# Fair rotation over time -------------------------------------------------------------------

def test_recent_solicitations_weigh_more_than_old_ones(project):
    last_month, last_year, never = factories.MemberFactory.create_batch(3)
    invited(last_month, 20)
    invited(last_year, 300)
    assert ranked_ids(project) == [never.pk, last_year.pk, last_month.pk]


def test_rotation_forgets_solicitations_older_than_twelve_months(project):
    long_ago, fresh = factories.MemberFactory.create_batch(2)
    for _ in range(3):
        invited(long_ago, 400, status=PairingStatus.ENDED)
    w = scoring.Weights()
    [first, second] = engine.rank(project, weights=w)
    assert {first.member, second.member} == {long_ago, fresh}
    assert first.points == second.points
    assert [f["code"] for f in first.factors if f["code"].startswith("rotation")] == [
        scoring.ROTATION_NONE]


def test_an_engagement_under_way_counts_as_a_solicitation_of_today(project):
    engaged, ended = factories.MemberFactory.create_batch(2)
    invited(engaged, 500, status=PairingStatus.ACTIVE)
    invited(ended, 500, status=PairingStatus.ENDED,
            ended_at=timezone.now() - timedelta(days=400))
    assert ranked_ids(project) == [ended.pk, engaged.pk]


def test_a_cancelled_invitation_does_not_count_against_the_member(project):
    set_aside, other = factories.MemberFactory.create_batch(2)
    invited(set_aside, 5, status=PairingStatus.CANCELLED)
    [first, second] = engine.rank(project)
    assert first.points == second.points


def test_interest_raises_a_member_without_erasing_heavy_recent_solicitation(project):
    solicited, equal, never = factories.MemberFactory.create_batch(3)
    for days in (3, 10, 20):
        invited(solicited, days)
        invited(equal, days)
    factories.PairingFactory(project=project, member=solicited, origin=PairingOrigin.INTEREST)
    assert ranked_ids(project) == [never.pk, solicited.pk, equal.pk]


# Fair, deterministic ties ------------------------------------------------------------------

def test_at_equal_points_the_least_recently_solicited_comes_first(project):
    yesterday, two_days_ago, never = factories.MemberFactory.create_batch(3)
    w = scoring.Weights(rotation=0)
    invited(yesterday, 1)
    invited(two_days_ago, 2)
    assert ranked_ids(project, weights=w) == [never.pk, two_days_ago.pk, yesterday.pk]


def test_ties_are_stable_for_a_project_and_differ_across_projects(team):
    members = factories.MemberFactory.create_batch(8)
    projects = factories.ProjectFactory.create_batch(4, team=team)
    orders = {tuple(ranked_ids(p)) for p in projects}
    assert len(orders) > 1
    for p in projects:
        assert {tuple(ranked_ids(p)) for _ in range(3)} == {tuple(ranked_ids(p))}
    assert all(sorted(order) == sorted(m.pk for m in members) for order in orders)
    assert tuple(sorted(m.pk for m in members)) not in orders


def test_the_balanced_shortlist_interleaves_kinds(project):
    patients = factories.MemberFactory.create_batch(2, kinds=[MemberKind.PATIENT],
                                                    hours_per_month=10)
    citizen = factories.MemberFactory(kinds=[MemberKind.CITIZEN], hours_per_month=1)
    unbalanced = ranked_ids(project, balanced=False)
    assert unbalanced[2] == citizen.pk and set(unbalanced[:2]) == {p.pk for p in patients}
    assert ranked_ids(project, balanced=True) == [unbalanced[0], citizen.pk, unbalanced[1]]


def test_changing_a_weight_in_the_admin_changes_the_ranking(client_for, coordinator, project):
    project.other_domains = [Domain.GOVERNANCE]
    project.save()
    researcher = factories.MemberFactory(domains=[Domain.RESEARCH])
    governor = factories.MemberFactory(domains=[Domain.GOVERNANCE])
    assert ranked_ids(project) == [researcher.pk, governor.pk]

    config = MatchingConfig.load()
    response = client_for(coordinator).post(
        reverse("admin:jumelage_matchingconfig_change", args=[config.pk]),
        {**config_form(config), "weight_main_domain": 2})
    assert response.status_code == 302, response.content
    assert ranked_ids(project) == [governor.pk, researcher.pk]


def config_form(config):
    data = {field.name: getattr(config, field.name) for field in config._meta.fields
            if field.editable and field.name != "id"}
    data["balanced_shortlist"] = "on" if config.balanced_shortlist else ""
    return data


def test_weights_where_a_domain_outweighs_the_members_limit_are_refused(
        client_for, coordinator):
    config = MatchingConfig.load()
    response = client_for(coordinator).post(
        reverse("admin:jumelage_matchingconfig_change", args=[config.pk]),
        {**config_form(config), "weight_main_domain": 25})
    assert response.status_code == 200
    assert "sa limite passe avant le domaine" in response.text
    config.refresh_from_db()
    assert config.weight_main_domain == 15


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


def test_the_weights_page_previews_the_top_of_an_open_request_before_saving(
        client_for, coordinator, project):
    project.other_domains = [Domain.GOVERNANCE]
    project.save()
    factories.MatchRequestFactory(project=factories.ProjectFactory(title="Autre demande"))
    request = factories.MatchRequestFactory(project=project)
    researcher = factories.MemberFactory(domains=[Domain.RESEARCH],
                                         user__display_name="Rémi Recherche")
    governor = factories.MemberFactory(domains=[Domain.GOVERNANCE],
                                       user__display_name="Gisèle Gouvernance")
    config = MatchingConfig.load()
    url = reverse("admin:jumelage_matchingconfig_change", args=[config.pk])
    client = client_for(coordinator)
    assert "Voir l'effet sur les 10 premiers" in client.get(url).text

    response = client.post(url, {**config_form(config), "weight_main_domain": 2,
                                 "_apercu": "1", "_demande": request.pk})
    assert response.status_code == 200
    preview = response.text[response.text.index('id="apercu"'):]
    assert preview.index("Gisèle Gouvernance") < preview.index("Rémi Recherche")
    assert f"Gisèle Gouvernance (membre nº {governor.pk})" in preview
    assert "60 points sur 87, soit 69\u00a0%" in preview
    assert "rang 2, 60 points sur 100, soit 60\u00a0%" in preview
    config.refresh_from_db()
    assert config.weight_main_domain == 15
    assert ranked_ids(project) == [researcher.pk, governor.pk]
