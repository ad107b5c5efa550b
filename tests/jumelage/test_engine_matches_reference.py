"""The database ranking gives exactly the reference points, order and exclusions
(scoring.py), on random data."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communaute.enums import ContinuumStep, Domain, Language, MemberKind, MemberStatus, Modality
from communaute.models import HealthTopic, Member, topics_recount
from jumelage import engine, scoring
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import MatchingConfig
from tests import factories

pytestmark = pytest.mark.django_db

STATUSES_HERE = [None, (PairingStatus.PROPOSED, PairingOrigin.INTEREST),
                 (PairingStatus.PROPOSED, PairingOrigin.ENGINE),
                 *[(status, PairingOrigin.ENGINE) for status in PairingStatus.values
                   if status != PairingStatus.PROPOSED]]
# Ages in days around the edges of the rotation's periods and of its window.
AGES = [0, 1, 29, 30, 31, 59, 200, 329, 330, 359, 360, 361, 400]
OTHER_PAIRINGS = st.lists(st.tuples(
    st.sampled_from(PairingStatus.values), st.sampled_from(AGES),
    st.sampled_from([None, *AGES])), max_size=4)

members = st.lists(st.fixed_dictionaries({
    "status": st.sampled_from([MemberStatus.ACTIVE] * 4 + [MemberStatus.PAUSED]),
    "consent_matching": st.booleans() | st.just(True),
    "paused": st.sampled_from([None, None, -3, 0, 5]),
    "kinds": st.lists(st.sampled_from(MemberKind.values), min_size=1, max_size=3, unique=True),
    "languages": st.lists(st.sampled_from(Language.values[:3]), min_size=1, max_size=2,
                          unique=True),
    "domains": st.lists(st.sampled_from(Domain.values), max_size=3, unique=True),
    "region": st.integers(0, 1),
    "modality": st.sampled_from(Modality.values),
    "continuum_max": st.sampled_from(ContinuumStep.values),
    "hours_per_month": st.integers(1, 10),
    "max_projects": st.integers(1, 3),
    "topics": st.sets(st.integers(0, 2)),
    "courses": st.sets(st.integers(0, 1)),
    "here": st.sampled_from(STATUSES_HERE),
    "others": OTHER_PAIRINGS,
}), min_size=1, max_size=8)

projects = st.fixed_dictionaries({
    "main_domain": st.sampled_from(Domain.values),
    "other_domains": st.lists(st.sampled_from(Domain.values), max_size=2, unique=True),
    "kinds_sought": st.lists(st.sampled_from(MemberKind.values), min_size=1, unique=True),
    "languages": st.lists(st.sampled_from(Language.values[:3]), min_size=1, max_size=2,
                          unique=True),
    "modality": st.sampled_from(Modality.values),
    "regions": st.sets(st.integers(0, 1)),
    "continuum_step": st.sampled_from(ContinuumStep.values),
    "hours_per_month": st.integers(1, 10),
    "topics": st.sets(st.integers(0, 2)),
    "courses": st.sets(st.integers(0, 1)),
})

weights = st.builds(scoring.Weights, *[st.integers(0, 40)] * 9)


def build(project_spec, member_specs):
    now = timezone.now()
    regions = [factories.RegionFactory(name=f"Région {i}", code=f"9{i}") for i in range(2)]
    topics = [factories.HealthTopicFactory(name=f"Sujet {i}") for i in range(3)]
    courses = [factories.CourseFactory() for _ in range(2)]
    project = factories.ProjectFactory(**{k: v for k, v in project_spec.items()
                                          if k not in {"regions", "topics", "courses"}})
    project.regions.set(regions[i] for i in project_spec["regions"])
    project.health_topics.set(topics[i] for i in project_spec["topics"])
    project.required_courses.set(courses[i] for i in project_spec["courses"])
    others = [factories.ProjectFactory() for _ in range(4)]
    for spec in member_specs:
        paused = spec["paused"]
        member = factories.MemberFactory(
            status=spec["status"], consent_matching=spec["consent_matching"],
            paused_until=None if paused is None else timezone.localdate() + timedelta(paused),
            kinds=spec["kinds"], languages=spec["languages"], domains=spec["domains"],
            region=regions[spec["region"]], modality=spec["modality"],
            continuum_max=spec["continuum_max"],
            hours_per_month=spec["hours_per_month"], max_projects=spec["max_projects"])
        member.health_topics.set(topics[i] for i in spec["topics"])
        for i in spec["courses"]:
            factories.CompletionFactory(user=member.user, course=courses[i])
        if spec["here"]:
            status, origin = spec["here"]
            factories.PairingFactory(project=project, member=member, status=status,
                                     origin=origin)
        for other, (status, sent, ended) in zip(others, spec["others"], strict=False):
            factories.PairingFactory(
                project=other, member=member, status=status,
                approved_at=None if status == PairingStatus.PROPOSED
                else now - timedelta(days=sent),
                ended_at=None if ended is None else now - timedelta(days=ended))
    return project


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(project_spec=projects, member_specs=members, w=weights, balanced=st.booleans())
def test_the_database_ranking_gives_the_reference_scores_and_order(
        project_spec, member_specs, w, balanced):
    with transaction.atomic():
        project = build(project_spec, member_specs)
        now = timezone.now()
        expected = engine.reference_rank(project, weights=w, limit=50, balanced=balanced,
                                         now=now)
        got = engine.rank(project, weights=w, limit=50, balanced=balanced, now=now)
        assert [(c.member.pk, c.points, c.maximum, c.score, c.factors) for c in got] == [
            (r.member_id, r.points, r.maximum, r.score, r.factors) for r in expected]
        facts, today = engine.project_facts(project), timezone.localdate(now)
        failed = {m.pk: scoring.failed_rules(m, facts, today)
                  for m in engine.member_facts(project.pk)}
        assert engine.floor_count(facts, now) == sum(1 for codes in failed.values() if not codes)
        assert dict((m.pk, codes) for m, codes in engine.exclusions(project, now=now)) == {
            pk: codes for pk, codes in failed.items() if codes}
        transaction.set_rollback(True)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(project_spec=projects, member_specs=members, w=weights, limit=st.integers(1, 4))
def test_a_short_list_read_a_few_rows_at_a_time_is_the_reference_one(
        monkeypatch, project_spec, member_specs, w, limit):
    """With no margin, solicited members at the head of the database's order make the
    engine read further, until no unread member can enter the list."""
    monkeypatch.setattr(engine, "FIRST_MARGIN", 0)
    with transaction.atomic():
        project = build(project_spec, member_specs)
        now = timezone.now()
        expected = engine.reference_rank(project, weights=w, limit=limit, now=now)
        got = engine.rank(project, weights=w, limit=limit, balanced=False, now=now)
        assert [(c.member.pk, c.points) for c in got] == [
            (r.member_id, r.points) for r in expected]
        transaction.set_rollback(True)


def test_a_member_solicited_often_gives_way_to_one_read_after(monkeypatch):
    """Two members alike but for their solicitations: the database's order puts the one
    solicited three times first (same upper bound, smaller tie key), yet the other has
    more points; a list of one must read on to find it."""
    monkeypatch.setattr(engine, "FIRST_MARGIN", 0)
    project = factories.ProjectFactory(main_domain=Domain.RESEARCH,
                                       kinds_sought=[MemberKind.PATIENT])
    alike = [factories.MemberFactory(), factories.MemberFactory()]
    first, other = sorted(alike, key=lambda m: scoring.tie_order(m.pk, project.pk))
    for _ in range(3):
        factories.PairingFactory(member=first, status=PairingStatus.DECLINED,
                                 approved_at=timezone.now())
    w = engine.weights_of(MatchingConfig.load())
    [best] = engine.rank(project, weights=w, limit=1, balanced=False)
    assert best.member == other
    assert [r.member_id for r in engine.reference_rank(project, weights=w, limit=1)] == [
        other.pk]


def test_topics_without_a_flag_count_as_much_as_flagged_ones():
    """Beyond the flags a column holds, topics are counted from the links."""
    flagged, unflagged = factories.HealthTopicFactory(), factories.HealthTopicFactory()
    HealthTopic.objects.filter(pk=unflagged.pk).update(flag=None)
    project = factories.ProjectFactory(main_domain=Domain.RESEARCH,
                                       kinds_sought=[MemberKind.PATIENT])
    project.health_topics.set([flagged, unflagged])
    both, one, none = (factories.MemberFactory() for _ in range(3))
    both.health_topics.set([flagged, unflagged])
    one.health_topics.set([unflagged])
    topics_recount(Member.objects.all())
    w = engine.weights_of(MatchingConfig.load())
    got = engine.rank(project, weights=w, limit=10, balanced=False)
    expected = engine.reference_rank(project, weights=w, limit=10)
    assert [(c.member.pk, c.points) for c in got] == [(r.member_id, r.points)
                                                      for r in expected]
    assert [c.member for c in got] == [both, one, none]
