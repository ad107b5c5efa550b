"""The production ranking: scoring.py's formula, with the database doing the one pass over
the members and Python scoring the few members that may reach the shortlist.

Every per-member fact the formula needs from another table (shared health topics, completed
courses, « Ça m'intéresse ») is a `member IN (subquery)` whose subquery does not depend on
the row: the database computes it once and probes it for each member, so the pass costs
about what a plain count with the same filter costs, and PostgreSQL may share it among
parallel workers. The places a member holds are a column kept up to date
(`Member.places_held`), so capacity compares two columns. The fair rotation is the one
factor that weighs each member's own solicitations: the pass counts it at its maximum,
which gives every member an upper bound of their points, exact for the members not
solicited within twelve periods, and orders by that bound (`_fetch`). The first rows are
then scored by scoring.score itself, and read further only if an unread member could
still enter the shortlist. The points, the scores and the order are exactly those of
`scoring.rank` (see tests/jumelage/test_engine_matches_reference.py).
"""

import operator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache, reduce

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Least
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from communaute.enums import Domain, MemberKind
from communaute.models import Member
from formation.enums import CompletionStatus
from formation.models import Completion
from formation.signals import COMPLETIONS
from jumelage import scoring
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import OCCUPYING_STATUSES, MatchingConfig, Pairing
from ruisss import fragments
from ruisss.fields import flag_of, mask_of

ENGINE_VERSION = "2026.12-1"
RANKING = "classement"
SHARED_RESULTS = "classement-resultats"
SHARED_FOR = 300
# Rows read beyond the shortlist before checking that no unread member can enter it.
FIRST_MARGIN = 20
TopicLink = Member.health_topics.through


@dataclass
class Candidate:
    member: Member
    points: int
    maximum: int
    score: int
    factors: list
    order: tuple = ()


def weights_of(config: MatchingConfig) -> scoring.Weights:
    return scoring.Weights(
        main_domain=config.weight_main_domain, other_domains=config.weight_other_domains,
        continuum=config.weight_continuum, continuum_stretch=config.weight_continuum_stretch,
        topic=config.weight_topic, topics_max=config.weight_topics_max,
        hours=config.weight_hours, rotation=config.weight_rotation,
        interest=config.weight_interest)


def project_facts(project) -> scoring.ProjectFacts:
    topics = list(project.health_topics.values_list("pk", "flag"))
    return scoring.ProjectFacts(
        pk=project.pk,
        main_domain=project.main_domain,
        main_domain_flag=flag_of(Domain, project.main_domain),
        other_domains=mask_of(Domain, project.other_domains),
        kinds_sought=mask_of(MemberKind, project.kinds_sought),
        languages=_mask(project, "languages"),
        modality=project.modality,
        region_ids=frozenset(project.regions.values_list("pk", flat=True)),
        continuum_step=project.continuum_step,
        hours_per_month=project.hours_per_month,
        topic_ids=frozenset(pk for pk, _flag in topics),
        topic_flags=frozenset(flag for _pk, flag in topics if flag is not None),
        unflagged_topic_ids=frozenset(pk for pk, flag in topics if flag is None),
        required_course_ids=frozenset(project.required_courses.values_list("pk", flat=True)),
    )


def _mask(obj, name):
    field = obj._meta.get_field(name)
    return mask_of(field.flags, getattr(obj, name))


def _now(now: datetime | None) -> datetime:
    return timezone.localtime(now or timezone.now())


def _has(expression, mask: int):
    return GreaterThan(expression.bitand(mask), 0)


def modality_conditions(p: scoring.ProjectFacts) -> dict:
    """The modality rules of scoring.failed_rules, on member columns."""
    regions = sorted(p.region_ids)
    in_regions = Q(region_id__in=regions) if regions else Q()
    accepts_remote = ~Q(modality=scoring.IN_PERSON)
    in_person, remote = p.modality == scoring.IN_PERSON, p.modality == scoring.REMOTE
    return {
        scoring.REGION: in_regions if in_person else Q(),
        scoring.NOT_IN_PERSON: ~Q(modality=scoring.REMOTE) if in_person else Q(),
        scoring.NOT_REMOTE: accepts_remote if remote else Q(),
        scoring.HYBRID_FAR: (in_regions | accepts_remote
                             if p.modality == scoring.HYBRID and regions else Q()),
    }


def rule_conditions(p: scoring.ProjectFacts, today) -> dict:
    """Each eligibility rule of scoring.RULES as a condition a member row satisfies."""
    here = Pairing.objects.filter(project_id=p.pk)
    # The places held elsewhere are those held, less the one this project may hold.
    holds_here = here.filter(status__in=OCCUPYING_STATUSES).values("member_id")
    conditions = {
        scoring.INACTIVE: Q(status=scoring.ACTIVE_STATUS),
        scoring.NO_CONSENT: Q(consent_matching=True),
        scoring.PAUSED: Q(paused_until__isnull=True) | Q(paused_until__lt=today),
        scoring.KIND: _has(F("kinds"), p.kinds_sought) if p.kinds_sought else Q(),
        scoring.LANGUAGE: _has(F("languages"), p.languages) if p.languages else Q(),
        **modality_conditions(p),
        scoring.LEVEL: Q(continuum_max__gte=p.continuum_step - 1),
        scoring.TRAINING: Q(),
        scoring.CAPACITY: (Q(places_held__lt=F("max_projects"))
                           | Q(places_held=F("max_projects"), pk__in=holds_here)),
        **{code: ~Q(pk__in=here.filter(status__in=statuses).values("member_id"))
           for code, statuses in scoring.HERE.items()},
    }
    if p.required_course_ids:
        # One semi-join per course: cheaper than counting each member's completions.
        conditions[scoring.TRAINING] = reduce(operator.and_, [
            Q(user_id__in=Completion.objects.filter(
                course_id=course, status=CompletionStatus.CONFIRMED).values("user_id"))
            for course in sorted(p.required_course_ids)])
    return conditions


def eligible(p: scoring.ProjectFacts, today):
    conditions = rule_conditions(p, today)
    # The ranking needs only whether a pairing is past the proposal: one probe, not five.
    past_proposal = ~Q(pk__in=Pairing.objects.filter(project_id=p.pk)
                       .exclude(status=PairingStatus.PROPOSED).values("member_id"))
    # Past the proposal takes out every place held here: capacity is two columns.
    conditions[scoring.CAPACITY] = Q(places_held__lt=F("max_projects"))
    return Member.objects.filter(past_proposal, *(
        condition for code, condition in conditions.items() if code not in scoring.HERE))


def _case(condition, points: int):
    if not points:
        return Value(0)
    return Case(When(condition, then=Value(points)), default=Value(0))


def shared_topics(p: scoring.ProjectFacts):
    """The topics a member shares with the project: a bit test on the member's row for
    each flagged topic, a probe of the links for the others."""
    if not p.topic_ids:
        return Value(0)
    return reduce(operator.add, [
        *[_case(_has(F("topics_mask"), flag), 1) for flag in sorted(p.topic_flags)],
        *[_case(Q(pk__in=TopicLink.objects.filter(healthtopic_id=topic).values("member_id")),
                1)
          for topic in sorted(p.unflagged_topic_ids)],
    ])


def upper_bound_expressions(p: scoring.ProjectFacts, w: scoring.Weights) -> dict:
    """Each factor of scoring.score as an integer expression over a member row, except the
    fair rotation, counted at its maximum: the sum bounds the member's points from above,
    and equals them for every member not solicited within twelve periods."""
    step = p.continuum_step
    continuum = Case(
        When(continuum_max__gte=step, then=Value(w.continuum)),
        When(continuum_max=step - 1, then=Value(w.continuum_stretch)),
        default=Value(0))
    topics = (Least(shared_topics(p) * Value(w.topic), Value(w.topics_max))
              if p.topic_ids and w.topic and w.topics_max else Value(0))
    interested = Pairing.objects.filter(project_id=p.pk, status=PairingStatus.PROPOSED,
                                        origin=PairingOrigin.INTEREST).values("member_id")
    return {
        scoring.MAIN_DOMAIN: _case(_has(F("domains"), p.main_domain_flag), w.main_domain),
        scoring.OTHER_DOMAINS: (_case(_has(F("domains"), p.other_domains), w.other_domains)
                                if p.other_domains else Value(0)),
        scoring.CONTINUUM: continuum,
        scoring.TOPICS: topics,
        scoring.HOURS: _case(Q(hours_per_month__gte=p.hours_per_month), w.hours),
        scoring.ROTATION: Value(w.rotation),
        scoring.INTEREST: _case(Q(pk__in=interested), w.interest),
    }


def ranking_queryset(p: scoring.ProjectFacts, w: scoring.Weights, today: date, limit: int):
    """(member id, upper bound, tie) of the first `limit` eligible members by upper bound,
    then tie: one query."""
    bound = reduce(operator.add, upper_bound_expressions(p, w).values())
    k, c = scoring.tie_key(p.pk)
    tie = ExpressionWrapper(
        scoring.fifth_power((F("pk") * Value(k) + Value(c)) % scoring.TIE_MODULUS),
        output_field=BigIntegerField())
    return (eligible(p, today).annotate(bound=bound, tie=tie)
            .order_by("-bound", "tie").values_list("pk", "bound", "tie")[:limit])


@lru_cache(maxsize=256)
def _ranking_statement(p: scoring.ProjectFacts, w: scoring.Weights, today: date,
                       limit: int) -> tuple[str, tuple]:
    """The ranking query's SQL and parameters.

    Compiling that expression costs about a fifth of running it, and its text depends only
    on the project's facts, the weights, the day and the limit (data are read when it
    runs): a coordinator reopening a request, or a second request for the same project,
    reuses it.
    """
    return ranking_queryset(p, w, today, limit).query.sql_with_params()


def _scored(p: scoring.ProjectFacts, w: scoring.Weights, now: datetime,
            member_ids) -> list[Candidate]:
    """The members `member_ids` with their points and factors from scoring.score, in
    scoring's order."""
    members = Member.objects.select_related("user", "region").in_bulk(member_ids)
    results = sorted((scoring.score(facts, p, w, now)
                      for facts in member_facts(p.pk, members=list(members.values()))),
                     key=scoring.order_key)
    return [Candidate(member=members[r.member_id], points=r.points, maximum=r.maximum,
                      score=r.score, factors=r.factors, order=scoring.order_key(r))
            for r in results]


def _fetch(p: scoring.ProjectFacts, w: scoring.Weights, now: datetime,
           limit: int) -> list[Candidate]:
    """The best `limit` eligible members, in scoring's order.

    The database orders the eligible members by an upper bound of their points (the
    rotation at its maximum), then by the tie key: no member's place in scoring's order
    comes before the place of that key. The first rows are scored exactly by
    scoring.score; once the last of the best `limit` comes before the key of the first
    row not read, no other member can take its place. Otherwise four times as many rows
    are read. Weighing each member's solicitations in the database would cost one
    correlated subquery per member and keep the query on one processor.
    """
    today = now.date()
    read = limit + FIRST_MARGIN
    while True:
        sql, params = _ranking_statement(p, w, today, read + 1)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        best = _scored(p, w, now, [pk for pk, _bound, _tie in rows[:read]])[:limit]
        if len(rows) <= read:
            return best
        _pk, bound, tie = rows[read]
        if len(best) == limit and best[-1].order < (-bound, False, 0, tie):
            return best
        read *= 4


def _shared_fetch(p: scoring.ProjectFacts, w: scoring.Weights, now: datetime,
                  limit: int) -> list[Candidate]:
    """`_fetch`, whose results (order, points and factors) are kept for every coordinator
    until a member, a pairing or a completion changes (jumelage/signals.py) and for
    SHARED_FOR seconds at most; the key holds the project's facts, the weights and the
    day. The members themselves (names, regions) are read again on each visit."""
    cache_key = fragments.key(SHARED_RESULTS, versions=(RANKING, COMPLETIONS), parts=(
        p, w, now.date(), str(now.tzinfo), limit))
    results = fragments.computed_once(
        cache_key, lambda: [(c.member.pk, c.points, c.maximum, c.score, c.factors, c.order)
                            for c in _fetch(p, w, now, limit)],
        timeout=SHARED_FOR)
    members = Member.objects.select_related("user", "region").in_bulk(
        [pk for pk, *_rest in results])
    return [Candidate(member=members[pk], points=points, maximum=maximum, score=score,
                      factors=factors, order=order)
            for pk, points, maximum, score, factors, order in results if pk in members]


def rank(project, *, weights: scoring.Weights | None = None, limit: int | None = None,
         balanced: bool | None = None, now: datetime | None = None,
         facts: scoring.ProjectFacts | None = None, shared: bool = False) -> list[Candidate]:
    """The ranked candidates for `project`, with their factors, best first; `shared`
    reuses the order another request computed from the same data (`_shared_fetch`)."""
    now = _now(now)
    if weights is None or limit is None or balanced is None:
        config = MatchingConfig.load()
        weights = weights or weights_of(config)
        limit = config.shortlist_size if limit is None else limit
        balanced = config.balanced_shortlist if balanced is None else balanced
    p = facts or project_facts(project)
    candidates = (_shared_fetch if shared else _fetch)(p, weights, now, limit)
    if balanced:
        by_id = {c.member.pk: c for c in candidates}
        results = [scoring.Result(member_id=c.member.pk, points=c.points, maximum=c.maximum,
                                  score=c.score,
                                  group=scoring.lowest_bit(_mask(c.member, "kinds")))
                   for c in candidates]
        candidates = [by_id[r.member_id] for r in scoring.balance(results)]
    return candidates


def floor_count(p: scoring.ProjectFacts, now: datetime | None = None) -> int:
    """The floor of the benchmark: counting the eligible members, nothing else."""
    return eligible(p, _now(now).date()).count()


def exclusions(project, *, search: str = "", limit: int = 100, now: datetime | None = None):
    """Members who fail at least one rule, with the rules they fail: (member, [codes])."""
    p = project_facts(project)
    conditions = rule_conditions(p, _now(now).date())
    checks = {f"ok_{code}": (Case(When(condition, then=Value(1)), default=Value(0),
                                  output_field=IntegerField()) if condition != Q() else Value(1))
              for code, condition in conditions.items()}
    members = Member.objects.select_related("user", "region").annotate(**checks)
    if search:
        members = members.filter(Q(user__display_name__unaccent__icontains=search)
                                 | Q(user__email__unaccent__icontains=search))
    failing = reduce(operator.or_, [Q(**{f"ok_{code}": 0}) for code in conditions])
    members = members.filter(failing).order_by("user__display_name", "pk")[:limit]
    return [(member, [code for code in scoring.RULES if not getattr(member, f"ok_{code}")])
            for member in members]


FACT_FIELDS = ("pk", "user_id", "status", "consent_matching", "paused_until", "region_id",
               "modality", "continuum_max", "hours_per_month", "max_projects")


def _fact_rows(members):
    """FACT_FIELDS then the kinds, languages and domains masks of each member."""
    if members is None:
        return Member.objects.values_list(*FACT_FIELDS).annotate(
            k=F("kinds").bitor(0), lang=F("languages").bitor(0), dom=F("domains").bitor(0))
    return [tuple(getattr(m, name) for name in FACT_FIELDS)
            + (_mask(m, "kinds"), _mask(m, "languages"), _mask(m, "domains"))
            for m in members]


def member_facts(project_id: int, members=None) -> list[scoring.MemberFacts]:
    """Every member's facts (or those of the Member instances `members`), read with a few
    flat queries."""
    topics, completed, here = {}, {}, {}
    engaged, awaiting, solicited = {}, {}, {}
    links, completions = TopicLink.objects.all(), Completion.objects.all()
    pairings = Pairing.objects.all()
    if members is not None:
        links = links.filter(member_id__in=[m.pk for m in members])
        completions = completions.filter(user_id__in=[m.user_id for m in members])
        pairings = pairings.filter(member_id__in=[m.pk for m in members])
    for member_id, topic_id in links.values_list("member_id", "healthtopic_id"):
        topics.setdefault(member_id, set()).add(topic_id)
    for user_id, course_id in completions.filter(
            status=CompletionStatus.CONFIRMED).values_list("user_id", "course_id"):
        completed.setdefault(user_id, set()).add(course_id)
    for member_id, project_id_, status, origin, approved_at, ended_at in pairings.values_list(
            "member_id", "project_id", "status", "origin", "approved_at", "ended_at"):
        if project_id_ == project_id:
            here[member_id] = (status, origin)
            continue
        if status in scoring.UNDER_WAY:
            engaged[member_id] = engaged.get(member_id, 0) + 1
        elif status == scoring.APPROVED:
            awaiting[member_id] = awaiting.get(member_id, 0) + 1
        moment = scoring.solicited_moment(status, approved_at, ended_at)
        if moment is not None:
            solicited.setdefault(member_id, []).append(moment)
    facts = []
    for (pk, user_id, status, consent, paused, region_id, modality, wish, hours, max_projects,
         kinds, languages, domains) in _fact_rows(members):
        status_here, origin_here = here.get(pk, (None, None))
        facts.append(scoring.MemberFacts(
            pk=pk, status=status, consent_matching=consent, paused_until=paused,
            kinds=kinds, languages=languages, domains=domains, region_id=region_id,
            modality=modality, continuum_max=wish, hours_per_month=hours,
            max_projects=max_projects, topic_ids=frozenset(topics.get(pk, ())),
            completed_course_ids=frozenset(completed.get(user_id, ())),
            engaged_count=engaged.get(pk, 0), awaiting_count=awaiting.get(pk, 0),
            solicited_at=tuple(sorted(solicited.get(pk, ()))),
            status_here=status_here,
            interested_here=(status_here == PairingStatus.PROPOSED
                             and origin_here == PairingOrigin.INTEREST),
        ))
    return facts


def reference_rank(project, *, weights: scoring.Weights, limit: int,
                   balanced: bool = False, now: datetime | None = None,
                   facts: scoring.ProjectFacts | None = None) -> list[scoring.Result]:
    """The same ranking computed by scoring.rank over every member's facts, in Python."""
    now = _now(now)
    p = facts or project_facts(project)
    return scoring.rank(member_facts(p.pk), p, weights, now, limit, balanced)
