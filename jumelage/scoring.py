"""The matching maths, in plain Python: the reference the database ranking must agree with.

Eligibility. A member is ranked for a project only if every rule of `RULES` holds (a
project that names no kind, language or region does not restrict on it):

- the profile is active, consents to matching and is not paused (`paused_until` absent or
  past); the member is one of the kinds the project seeks and shares a language with it;
- modality, on both sides. An in-person project needs a member in its regions (REGION)
  who accepts to take part in person (NOT_IN_PERSON fails for a member who wishes remote
  only). A remote project needs a member who accepts remote (NOT_REMOTE fails for a
  member who wishes in person only). A hybrid project takes a member in its regions
  whatever their modality, or anywhere if the member accepts remote (HYBRID_FAR fails for
  a member outside its regions who wishes in person only). A member's "hybride" means
  either;
- the engagement level the member wishes (`continuum_max`) is their limit: a project two
  steps or more beyond it is excluded (LEVEL); one step beyond scores less (see below);
- every course the project requires is completed;
- capacity: the member's commitments to other projects, invitations awaiting an answer
  and engagements accepted or under way, are fewer than their maximum (`max_projects`);
- no pairing for this project past the proposal, one rule per state (`HERE`): invited and
  not yet answered, engaged, took part (ended), declined, set aside (cancelled).

Score. Each factor gives whole points (weights `w`, edited in the admin):

    main      = w.main_domain       if the project's main domain is one of the member's
    other     = w.other_domains     if one of the project's other domains is the member's
    continuum = w.continuum         if the project's step is within the member's wish,
                w.continuum_stretch if it is one step beyond (listed even at 0 points,
                                    so that the member reads it)
    topics    = min(w.topic * shared health topics, w.topics_max)
    hours     = w.hours             if member's hours per month >= hours asked
    rotation  = w.rotation * (LOAD_CAP - min(load, LOAD_CAP)) // LOAD_CAP
    interest  = w.interest          if the member said « Ça m'intéresse » for this project

    points  = main + other + continuum + topics + hours + rotation + interest
    maximum = w.main_domain + w.other_domains + w.continuum + w.topics_max + w.hours
              + w.rotation + w.interest
    percent = points * 100 / maximum, rounded half up (0 when the maximum is 0)

Only factors that give points are listed (and the step beyond), so the listed points add
up to `points` exactly, whatever the weights: people read "62 points sur 90, soit 69 %".

Fair rotation. A solicitation is an invitation the coordinators sent, awaiting an answer
or declined (dated when sent), an engagement that ended (dated at its end, or when sent
if no end is recorded), or an engagement accepted or under way, which counts as of today
for as long as it lasts. A cancelled pairing, or a proposal never approved, is none.
A solicitation weighs SOLICITATION_WEIGHT (12) during the PERIOD_DAYS (30) days from its
date, one less in each following period, and nothing after twelve periods (360 days).
The member's load is the sum of these weights: three fresh solicitations (LOAD_CAP) take
all the rotation points, older ones less and less. Periods start at local midnight
(`rotation_thresholds`), so a ranking is the same all day long. « Ça m'intéresse » adds
its own points: with the default weights (interest 10 < rotation 15) it raises a member
without erasing a heavy recent solicitation.

Order. Most points first. At equal points, the member solicited least recently first
(never solicited first; an engagement under way counts as the most recent), then an order
drawn from the project: x⁵ mod TIE_MODULUS where x = (member id × k + c) mod TIE_MODULUS,
k and c taken from the SHA-256 of the project id (`tie_order`). It is the same every time
for one project, differs from one project to another, and favours no one for having
signed up first. A balanced shortlist,
when asked for, then interleaves the kinds of people (`balance`).
"""

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

SOLICITATION_WEIGHT = 12
PERIOD_DAYS = 30
LOAD_CAP = 3 * SOLICITATION_WEIGHT
TIE_MODULUS = 2**31 - 1

# Modalities (communaute.enums.Modality values), of projects and of members.
IN_PERSON = "presentiel"
REMOTE = "distance"
HYBRID = "hybride"

# Member status and pairing statuses (jumelage.enums.PairingStatus values).
ACTIVE_STATUS = "actif"
PROPOSED = "propose"
APPROVED = "approuve"
ACCEPTED = "accepte"
ACTIVE_PAIRING = "actif"
PAUSED_PAIRING = "pause"
DECLINED = "decline"
ENDED = "termine"
CANCELLED = "annule"
UNDER_WAY = (ACCEPTED, ACTIVE_PAIRING, PAUSED_PAIRING)

# Eligibility rules, in the order they are checked and reported (sentences in phrases.py).
INACTIVE = "inactif"
NO_CONSENT = "sans_consentement"
PAUSED = "en_pause"
KIND = "type"
LANGUAGE = "langue"
REGION = "region"
NOT_IN_PERSON = "pas_en_personne"
NOT_REMOTE = "pas_a_distance"
HYBRID_FAR = "hybride_hors_region"
LEVEL = "au_dela_du_continuum"
TRAINING = "formation"
CAPACITY = "capacite"
INVITED_HERE = "deja_invite"
ENGAGED_HERE = "deja_engage"
ENDED_HERE = "deja_participe"
DECLINED_HERE = "a_decline"
SET_ASIDE_HERE = "ecarte"
# The state of a pairing for this project that each rule excludes.
HERE = {
    INVITED_HERE: (APPROVED,),
    ENGAGED_HERE: UNDER_WAY,
    ENDED_HERE: (ENDED,),
    DECLINED_HERE: (DECLINED,),
    SET_ASIDE_HERE: (CANCELLED,),
}
RULES = (INACTIVE, NO_CONSENT, PAUSED, KIND, LANGUAGE, REGION, NOT_IN_PERSON, NOT_REMOTE,
         HYBRID_FAR, LEVEL, TRAINING, CAPACITY, *HERE)

# Factors (sentences in phrases.py).
MAIN_DOMAIN = "domaine_principal"
OTHER_DOMAINS = "autres_domaines"
CONTINUUM = "continuum"
CONTINUUM_STRETCH = "continuum_un_pas"
TOPICS = "sujets"
HOURS = "heures"
ROTATION_NONE = "rotation_aucune"
ROTATION = "rotation_recente"
INTEREST = "interet"


@dataclass(frozen=True)
class Weights:
    main_domain: int = 15
    other_domains: int = 5
    continuum: int = 30
    continuum_stretch: int = 5
    topic: int = 5
    topics_max: int = 15
    hours: int = 10
    rotation: int = 15
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
    modality: str
    region_ids: frozenset
    continuum_step: int
    hours_per_month: int
    topic_ids: frozenset
    required_course_ids: frozenset
    # The flags of the project's topics that have one (communaute.models.TOPIC_FLAGS), and
    # the topics that have none: how the engine counts shared topics.
    topic_flags: frozenset = frozenset()
    unflagged_topic_ids: frozenset = frozenset()


@dataclass(frozen=True)
class MemberFacts:
    """A member's facts; counts and solicitations leave out the project being ranked."""

    pk: int
    status: str
    consent_matching: bool
    paused_until: date | None
    kinds: int
    languages: int
    domains: int
    region_id: int | None
    modality: str
    continuum_max: int
    hours_per_month: int
    max_projects: int
    topic_ids: frozenset = frozenset()
    completed_course_ids: frozenset = frozenset()
    engaged_count: int = 0
    awaiting_count: int = 0
    solicited_at: tuple = ()
    status_here: str | None = None
    interested_here: bool = False


@dataclass
class Result:
    member_id: int
    points: int
    maximum: int
    score: int
    factors: list = field(default_factory=list)
    group: int = 0
    last_solicited: datetime | None = None
    tie: int = 0


def failed_rules(m: MemberFacts, p: ProjectFacts, today: date) -> list[str]:
    """The codes of the eligibility rules `m` fails for `p`; empty when eligible."""
    in_regions = not p.region_ids or m.region_id in p.region_ids
    accepts_remote = m.modality != IN_PERSON
    checks = {
        INACTIVE: m.status == ACTIVE_STATUS,
        NO_CONSENT: m.consent_matching,
        PAUSED: m.paused_until is None or m.paused_until < today,
        KIND: not p.kinds_sought or bool(m.kinds & p.kinds_sought),
        LANGUAGE: not p.languages or bool(m.languages & p.languages),
        REGION: p.modality != IN_PERSON or in_regions,
        NOT_IN_PERSON: p.modality != IN_PERSON or m.modality != REMOTE,
        NOT_REMOTE: p.modality != REMOTE or accepts_remote,
        HYBRID_FAR: p.modality != HYBRID or in_regions or accepts_remote,
        LEVEL: p.continuum_step <= m.continuum_max + 1,
        TRAINING: p.required_course_ids <= m.completed_course_ids,
        CAPACITY: m.engaged_count + m.awaiting_count < m.max_projects,
        **{code: m.status_here not in statuses for code, statuses in HERE.items()},
    }
    return [code for code in RULES if not checks[code]]


def solicited_moment(status: str, approved_at: datetime | None,
                     ended_at: datetime | None) -> datetime | None:
    """When a pairing that is no longer under way solicited the member (None: it did not)."""
    if status in (APPROVED, DECLINED):
        return approved_at
    if status == ENDED:
        return ended_at or approved_at
    return None


def rotation_thresholds(today: date, tzinfo) -> tuple[datetime, ...]:
    """The starts of the twelve periods, latest first: a solicitation at or after the j-th
    is less than j periods old, in whole local days."""
    return tuple(datetime.combine(today - timedelta(days=PERIOD_DAYS * j - 1), time.min,
                                  tzinfo=tzinfo)
                 for j in range(1, SOLICITATION_WEIGHT + 1))


def ongoing_moment(today: date, tzinfo) -> datetime:
    """The moment an engagement under way stands for: the end of today, after every
    invitation of the day, and the same all day long."""
    return datetime.combine(today + timedelta(days=1), time.min, tzinfo=tzinfo)


def solicitation_weight(moment: datetime, thresholds: tuple[datetime, ...]) -> int:
    return sum(1 for start in thresholds if moment >= start)


def rotation_points(load: int, w: Weights) -> int:
    return w.rotation * (LOAD_CAP - min(load, LOAD_CAP)) // LOAD_CAP


def percent(points: int, maximum: int) -> int:
    return (200 * points + maximum) // (2 * maximum) if maximum else 0


@lru_cache(maxsize=1024)
def tie_key(project_id: int) -> tuple[int, int]:
    """(k, c) drawn from the SHA-256 of the project id, with k not 0."""
    digest = hashlib.sha256(str(project_id).encode()).digest()
    return (int.from_bytes(digest[:8], "big") % (TIE_MODULUS - 1) + 1,
            int.from_bytes(digest[8:16], "big") % TIE_MODULUS)


def fifth_power(x):
    """x⁵ mod TIE_MODULUS, written so that it reads the same on integers and on database
    expressions: every product stays below 2⁶², and a bijection since 5 is prime to
    TIE_MODULUS - 1, so no two members tie."""
    square = x * x % TIE_MODULUS
    return square * square % TIE_MODULUS * x % TIE_MODULUS


def tie_order(member_id: int, project_id: int) -> int:
    k, c = tie_key(project_id)
    return fifth_power((member_id * k + c) % TIE_MODULUS)


def score(m: MemberFacts, p: ProjectFacts, w: Weights, now: datetime) -> Result:
    """The points of an eligible member, factor by factor, and what orders equal points.

    Factor arguments are plain values, rendered in the reader's language at display.
    """
    today = now.date()
    moments = m.solicited_at + (ongoing_moment(today, now.tzinfo),) * m.engaged_count
    thresholds = rotation_thresholds(today, now.tzinfo)
    load = sum(solicitation_weight(moment, thresholds) for moment in moments)
    shared_topics = len(m.topic_ids & p.topic_ids)
    step = {"step": p.continuum_step, "wish": m.continuum_max}
    if p.continuum_step <= m.continuum_max:
        continuum = (CONTINUUM, w.continuum, step)
    elif p.continuum_step == m.continuum_max + 1:
        continuum = (CONTINUUM_STRETCH, w.continuum_stretch, step)
    else:
        continuum = (CONTINUUM, 0, step)
    candidates = [
        (MAIN_DOMAIN, w.main_domain if m.domains & p.main_domain_flag else 0,
         {"domain": p.main_domain}),
        (OTHER_DOMAINS, w.other_domains if m.domains & p.other_domains else 0,
         {"domains": m.domains & p.other_domains}),
        continuum,
        (TOPICS, min(w.topic * shared_topics, w.topics_max), {"count": shared_topics}),
        (HOURS, w.hours if m.hours_per_month >= p.hours_per_month else 0,
         {"available": m.hours_per_month, "asked": p.hours_per_month}),
        (ROTATION_NONE if load == 0 else ROTATION, rotation_points(load, w), {}),
        (INTEREST, w.interest if m.interested_here else 0, {}),
    ]
    # The step beyond is listed even when it gives nothing: the member reads that the
    # project asks a little more than they wished.
    factors = [{"code": code, "points": points, "args": args}
               for code, points, args in candidates
               if points > 0 or code == CONTINUUM_STRETCH]
    points = sum(factor["points"] for factor in factors)
    return Result(member_id=m.pk, points=points, maximum=w.maximum,
                  score=percent(points, w.maximum), factors=factors,
                  group=lowest_bit(m.kinds), last_solicited=max(moments, default=None),
                  tie=tie_order(m.pk, p.pk))


def order_key(result: Result):
    last = result.last_solicited
    return (-result.points, last is not None, last.timestamp() if last else 0, result.tie)


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
    results.sort(key=order_key)
    results = results[:limit]
    return balance(results) if balanced else results


def inputs_of(m: MemberFacts, p: ProjectFacts, w: Weights) -> dict:
    """What the engine used, kept on the pairing to answer "why was I proposed?"."""

    def value(item):
        if isinstance(item, frozenset):
            return sorted(item)
        if isinstance(item, tuple):
            return [value(element) for element in item]
        return item.isoformat() if isinstance(item, date) else item

    def plain(facts):
        return {key: value(item) for key, item in asdict(facts).items()}

    return {"membre": plain(m), "projet": plain(p), "poids": asdict(w)}
