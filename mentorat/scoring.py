"""Ranking mentors for a newcomer: the matching engine's building blocks (jumelage.scoring:
`Result`, `percent`, `tie_order`, explained factors), with factors of its own.

Eligibility. A mentor is ranked for a newcomer's request only if every rule holds:
the offer is active; the mentor's profile is active and not paused; the mentor is not
the newcomer; the mentor has a free place (mentorings proposed, awaiting answers or
under way fewer than the capacity offered, OCCUPYING); no mentoring was proposed
between them for this request before (declined or cancelled ones included).

Score. Each factor gives whole points:

    region       = W.region            if both live in the same region
    kind         = W.kind              if they share a kind of person (citizen, patient,
                                       caregiver)
    domains      = min(W.domain * shared domains of involvement, W.domains_max)
    language     = W.language          if they share a language
    availability = W.availability * free places // capacity

    maximum = W.region + W.kind + W.domains_max + W.language + W.availability (100)
    percent = jumelage.scoring.percent(points, maximum)

Only factors that give points are listed, so they add up to the points.

Order. Most points first, then an order drawn from the request
(jumelage.scoring.tie_order(mentor id, request id)): the same every time for one
request, favouring no one for having offered first.
"""

from dataclasses import dataclass
from datetime import date

from jumelage.scoring import Result, percent, tie_order

ACTIVE_STATUS = "actif"

# Rules (sentences in phrases.py).
OFFER_WITHDRAWN = "offre_retiree"
INACTIVE = "inactif"
PAUSED = "en_pause"
SELF = "soi_meme"
FULL = "complet"
ALREADY = "deja_propose"
RULES = (OFFER_WITHDRAWN, INACTIVE, PAUSED, SELF, FULL, ALREADY)

# Factors (sentences in phrases.py).
REGION = "region"
KIND = "type"
DOMAINS = "domaines"
LANGUAGE = "langue"
AVAILABILITY = "disponibilite"


@dataclass(frozen=True)
class Weights:
    region: int = 25
    kind: int = 20
    domain: int = 10
    domains_max: int = 20
    language: int = 20
    availability: int = 15

    @property
    def maximum(self) -> int:
        return self.region + self.kind + self.domains_max + self.language + self.availability


WEIGHTS = Weights()


@dataclass(frozen=True)
class NewcomerFacts:
    pk: int
    request_id: int
    region_id: int | None
    kinds: int
    domains: int
    languages: int


@dataclass(frozen=True)
class MentorFacts:
    pk: int
    status: str
    paused_until: date | None
    offer_active: bool
    capacity: int
    taken: int
    region_id: int | None
    kinds: int
    domains: int
    languages: int
    already_proposed: bool = False


def failed_rules(m: MentorFacts, n: NewcomerFacts, today: date) -> list[str]:
    checks = {
        OFFER_WITHDRAWN: m.offer_active,
        INACTIVE: m.status == ACTIVE_STATUS,
        PAUSED: m.paused_until is None or m.paused_until < today,
        SELF: m.pk != n.pk,
        FULL: m.taken < m.capacity,
        ALREADY: not m.already_proposed,
    }
    return [code for code in RULES if not checks[code]]


def score(m: MentorFacts, n: NewcomerFacts, w: Weights = WEIGHTS) -> Result:
    shared_domains = (m.domains & n.domains).bit_count()
    free = max(m.capacity - m.taken, 0)
    candidates = [
        (REGION, w.region if m.region_id is not None and m.region_id == n.region_id else 0,
         {}),
        (KIND, w.kind if m.kinds & n.kinds else 0, {"kinds": m.kinds & n.kinds}),
        (DOMAINS, min(w.domain * shared_domains, w.domains_max),
         {"domains": m.domains & n.domains}),
        (LANGUAGE, w.language if m.languages & n.languages else 0,
         {"languages": m.languages & n.languages}),
        (AVAILABILITY, w.availability * free // m.capacity if m.capacity else 0,
         {"free": free, "capacity": m.capacity}),
    ]
    factors = [{"code": code, "points": points, "args": args}
               for code, points, args in candidates if points > 0]
    points = sum(factor["points"] for factor in factors)
    return Result(member_id=m.pk, points=points, maximum=w.maximum,
                  score=percent(points, w.maximum), factors=factors,
                  tie=tie_order(m.pk, n.request_id))


def rank(mentors, n: NewcomerFacts, today: date, w: Weights = WEIGHTS) -> list[Result]:
    """Every eligible mentor scored, best first."""
    results = [score(m, n, w) for m in mentors if not failed_rules(m, n, today)]
    results.sort(key=lambda result: (-result.points, result.tie))
    return results
