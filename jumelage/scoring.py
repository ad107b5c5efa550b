"""The matching maths, in plain Python: the reference the database ranking must agree with.

Eligibility. A member is ranked for a project only if every rule of `RULES` holds:
active status, consent to matching, not paused (`paused_until` absent or past), one of the
kinds the project seeks, a language in common, a region among the project's when the project
is not remote (a remote project, or one without regions, accepts every region), every
course the project requires completed, fewer engagements in progress (accepted or active)
than the member's maximum, and no pairing for this project past the proposal (already
invited, engaged, declined or set aside). A project that names no kind or no language does
not restrict on it.

Score. Each factor gives whole points (weights `w`, editable in the admin):

    main     = w.main_domain    if the project's main domain is one of the member's
    other    = w.other_domains  if one of the project's other domains is one of the member's
    continuum= w.continuum      if project step <= member's wish,
               w.continuum // 2 if project step == wish + 1, else 0
    topics   = min(w.topic * shared health topics, w.topics_max)
    hours    = w.hours          if member's hours per month >= hours asked
    rotation = w.rotation * (3 - min(n, 3)) // 3, halved (// 2) when the last invitation is
               recent (since midnight ROTATION_RECENT_DAYS days before today, local time);
               n = invitations ever received
    interest = w.interest       if the member said « Ça m'intéresse » for this project

    raw   = main + other + continuum + topics + hours + rotation + interest
    score = raw * 100 // (w.main_domain + w.other_domains + w.continuum + w.topics_max
                          + w.hours + w.rotation + w.interest)          (0 when that is 0)

so the score is an integer from 0 to 100 whatever the weights. Candidates are ordered by raw
points, highest first, then by member id (the same order as the score, with ties broken the
same way every time). A balanced shortlist, when asked for, then interleaves the kinds of
people (`balance`).
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

ROTATION_CAP = 3
ROTATION_RECENT_DAYS = 90

# Eligibility rules, in the order they are checked and reported (sentences in phrases.py).
INACTIVE = "inactif"
NO_CONSENT = "sans_consentement"
PAUSED = "en_pause"
KIND = "type"
LANGUAGE = "langue"
REGION = "region"
TRAINING = "formation"
CAPACITY = "capacite"
ALREADY = "deja_sollicite"
RULES = (INACTIVE, NO_CONSENT, PAUSED, KIND, LANGUAGE, REGION, TRAINING, CAPACITY, ALREADY)

# Factors (sentences in phrases.py).
MAIN_DOMAIN = "domaine_principal"
OTHER_DOMAINS = "autres_domaines"
CONTINUUM = "continuum"
CONTINUUM_STRETCH = "continuum_un_pas"
TOPICS = "sujets"
HOURS = "heures"
ROTATION_NEVER = "rotation_jamais"
ROTATION = "rotation"
INTEREST = "interet"

ACTIVE_STATUS = "actif"
PROPOSED_STATUS = "propose"


@dataclass(frozen=True)
class Weights:
    main_domain: int = 30
    other_domains: int = 10
    continuum: int = 15
    topic: int = 5
    topics_max: int = 15
    hours: int = 10
    rotation: int = 10
    interest: int = 10

    @property
    def maximum(self) -> int:
        return (self.main_domain + self.other_domains + self.continuum + self.topics_max
                + self.hours + self.rotation + self.interest)


@dataclass(frozen=True)
class ProjectFacts:
    pk: int
    main_domain: str
    main_domain_flag: int
    other_domains: int
    kinds_sought: int
    languages: int
    remote: bool
    region_ids: frozenset
    continuum_step: int
    hours_per_month: int
    topic_ids: frozenset
    required_course_ids: frozenset


@dataclass(frozen=True)
class MemberFacts:
    pk: int
    status: str
    consent_matching: bool
    paused_until: date | None
    kinds: int
    languages: int
    domains: int
    region_id: int | None
    continuum_max: int
    hours_per_month: int
    max_projects: int
    topic_ids: frozenset = frozenset()
    completed_course_ids: frozenset = frozenset()
    engaged_count: int = 0
    times_asked: int = 0
    last_asked_at: datetime | None = None
    status_here: str | None = None
    interested_here: bool = False


@dataclass
class Result:
    member_id: int
    raw: int
    score: int
    factors: list = field(default_factory=list)
    group: int = 0


def failed_rules(m: MemberFacts, p: ProjectFacts, today: date) -> list[str]:
    """The codes of the eligibility rules `m` fails for `p`; empty when eligible."""
    checks = {
        INACTIVE: m.status == ACTIVE_STATUS,
        NO_CONSENT: m.consent_matching,
        PAUSED: m.paused_until is None or m.paused_until < today,
        KIND: not p.kinds_sought or bool(m.kinds & p.kinds_sought),
        LANGUAGE: not p.languages or bool(m.languages & p.languages),
        REGION: p.remote or not p.region_ids or m.region_id in p.region_ids,
        TRAINING: p.required_course_ids <= m.completed_course_ids,
        CAPACITY: m.engaged_count < m.max_projects,
        ALREADY: m.status_here in (None, PROPOSED_STATUS),
    }
    return [code for code in RULES if not checks[code]]


def continuum_points(wish: int, step: int, w: Weights) -> int:
    if step <= wish:
        return w.continuum
    if step == wish + 1:
        return w.continuum // 2
    return 0


def rotation_points(times_asked: int, recent: bool, w: Weights) -> int:
    points = w.rotation * (ROTATION_CAP - min(times_asked, ROTATION_CAP)) // ROTATION_CAP
    return points // 2 if recent else points


def recent_since(today: date, tzinfo) -> datetime:
    """Invitations from this moment on are recent: whole days, the same all day long."""
    return datetime.combine(today - timedelta(days=ROTATION_RECENT_DAYS), time.min,
                            tzinfo=tzinfo)


def normalise(raw: int, w: Weights) -> int:
    return raw * 100 // w.maximum if w.maximum else 0


def explain(points: dict, args: dict, w: Weights) -> list[dict]:
    """The named factors that gave points, as stored on a pairing and shown to people.

    `points` and `args` are keyed by factor code; the continuum and rotation codes are
    refined here so that the sentence says which case applied.
    """
    factors = []
    for code, value in points.items():
        if value <= 0:
            continue
        if code == CONTINUUM and value < w.continuum:
            code = CONTINUUM_STRETCH
        if code == ROTATION and value == w.rotation:
            code = ROTATION_NEVER
        factors.append({"code": code, "points": value, "args": args.get(code, {})})
    return factors


def factor_args(m_domains: int, m_wish: int, m_hours: int, shared_topics: int,
                p: ProjectFacts) -> dict:
    """Sentence arguments: plain values, rendered in the reader's language at display."""
    step = {"step": p.continuum_step, "wish": m_wish}
    return {
        MAIN_DOMAIN: {"domain": p.main_domain},
        OTHER_DOMAINS: {"domains": m_domains & p.other_domains},
        CONTINUUM: step,
        CONTINUUM_STRETCH: step,
        TOPICS: {"count": shared_topics},
        HOURS: {"available": m_hours, "asked": p.hours_per_month},
    }


def score(m: MemberFacts, p: ProjectFacts, w: Weights, now: datetime) -> Result:
    shared_topics = len(m.topic_ids & p.topic_ids)
    recent = m.last_asked_at is not None and m.last_asked_at >= recent_since(now.date(), now.tzinfo)
    points = {
        MAIN_DOMAIN: w.main_domain if m.domains & p.main_domain_flag else 0,
        OTHER_DOMAINS: w.other_domains if m.domains & p.other_domains else 0,
        CONTINUUM: continuum_points(m.continuum_max, p.continuum_step, w),
        TOPICS: min(w.topic * shared_topics, w.topics_max),
        HOURS: w.hours if m.hours_per_month >= p.hours_per_month else 0,
        ROTATION: rotation_points(m.times_asked, recent, w),
        INTEREST: w.interest if m.interested_here else 0,
    }
    raw = sum(points.values())
    args = factor_args(m.domains, m.continuum_max, m.hours_per_month, shared_topics, p)
    return Result(member_id=m.pk, raw=raw, score=normalise(raw, w),
                  factors=explain(points, args, w), group=lowest_bit(m.kinds))


def lowest_bit(mask: int) -> int:
    return mask & -mask


def balance(results: list[Result]) -> list[Result]:
    """Interleave groups (a member's first kind) in turn, each group in ranking order.

    The group of the best-ranked candidate comes first, then the next group to appear,
    and so on, so the strongest candidate of each kind sits near the top.
    """
    queues: dict[int, list[Result]] = {}
    for result in results:
        queues.setdefault(result.group, []).append(result)
    balanced = []
    while queues:
        for group in list(queues):
            balanced.append(queues[group].pop(0))
            if not queues[group]:
                del queues[group]
    return balanced


def rank(members, p: ProjectFacts, w: Weights, now: datetime, limit: int,
         balanced: bool = False) -> list[Result]:
    """The reference ranking: every eligible member scored, best first, top `limit`."""
    today = now.date()
    results = [score(m, p, w, now) for m in members if not failed_rules(m, p, today)]
    results.sort(key=lambda r: (-r.raw, r.member_id))
    results = results[:limit]
    return balance(results) if balanced else results


def inputs_of(m: MemberFacts, p: ProjectFacts, w: Weights) -> dict:
    """What the engine used, kept on the pairing to answer "why was I proposed?"."""

    def plain(facts):
        return {key: sorted(value) if isinstance(value, frozenset) else
                value.isoformat() if isinstance(value, date) else value
                for key, value in asdict(facts).items()}

    return {"membre": plain(m), "projet": plain(p), "poids": asdict(w)}
