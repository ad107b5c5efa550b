"""The mentors' ranking read from the database: a few offers, scored in Python."""

from django.db.models import Count, Q
from django.utils import timezone

from communaute.enums import Domain, Language, MemberKind
from mentorat import scoring
from mentorat.models import OCCUPYING_STATUSES, Mentoring, MentoringRequest, MentorOffer
from ruisss.fields import mask_of


def newcomer_facts(request: MentoringRequest) -> scoring.NewcomerFacts:
    member = request.member
    return scoring.NewcomerFacts(
        pk=member.pk, request_id=request.pk, region_id=member.region_id,
        kinds=mask_of(MemberKind, member.kinds), domains=mask_of(Domain, member.domains),
        languages=mask_of(Language, member.languages))


def _offers(request: MentoringRequest, mentor_ids=None):
    offers = (MentorOffer.objects.select_related("member__user", "member__region")
              .annotate(taken=Count("member__mentorings_given", filter=Q(
                  member__mentorings_given__status__in=OCCUPYING_STATUSES), distinct=True)))
    if mentor_ids is not None:
        offers = offers.filter(member_id__in=mentor_ids)
    proposed = set(Mentoring.objects.filter(request=request).values_list("mentor_id",
                                                                        flat=True))
    return [(offer, scoring.MentorFacts(
        pk=offer.member_id, status=offer.member.status,
        paused_until=offer.member.paused_until, offer_active=offer.active,
        capacity=offer.capacity, taken=offer.taken, region_id=offer.member.region_id,
        kinds=mask_of(MemberKind, offer.member.kinds),
        domains=mask_of(Domain, offer.member.domains),
        languages=mask_of(Language, offer.member.languages),
        already_proposed=offer.member_id in proposed)) for offer in offers]


def rank(request: MentoringRequest):
    """[(offer, Result)] best first, for every eligible mentor."""
    offers = _offers(request)
    by_member = {facts.pk: offer for offer, facts in offers}
    results = scoring.rank([facts for _offer, facts in offers], newcomer_facts(request),
                           timezone.localdate())
    return [(by_member[result.member_id], result) for result in results]


def exclusions(request: MentoringRequest):
    """[(offer, rule codes)] for every mentor not ranked, and why."""
    newcomer, today = newcomer_facts(request), timezone.localdate()
    found = []
    for offer, facts in _offers(request):
        failed = scoring.failed_rules(facts, newcomer, today)
        if failed:
            found.append((offer, failed))
    return found


def facts_of(request: MentoringRequest, mentor_id: int):
    """(offer, facts) of one mentor for the request; (None, None) without an offer."""
    found = _offers(request, mentor_ids=[mentor_id])
    return found[0] if found else (None, None)
