"""Every change of a mentoring, each in one transaction with the rows it needs locked.

The same double opt-in as pairings: a coordinator proposes a mentor from the ranked list
and approves (both are invited), then each side accepts; the mentoring is confirmed once
both have, and only then do they see each other's name and contact. Check-ins one and
three months after the confirmation ask both how it goes.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import MemberStatus
from communaute.join_wishes import Wish
from communaute.models import Member, User
from jumelage.recognition import Contribution
from jumelage.services import coordinators
from mentorat import ranking, scoring
from mentorat.enums import Feeling, MentoringRequestStatus, MentoringStatus, Side
from mentorat.models import (
    OCCUPYING_STATUSES,
    CheckIn,
    Mentoring,
    MentoringHours,
    MentoringRequest,
    MentorOffer,
)
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue

CHECK_IN_MONTHS = (1, 3)
MONTH = timedelta(days=30)
# Hours count once the mentoring is confirmed, and after it ends.
HOURS_STATUSES = (MentoringStatus.ACCEPTED, MentoringStatus.ENDED)


class MentoringError(ValidationError):
    """A refused operation; its message is written for the person who tried it."""


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _space_link() -> str:
    return _absolute(reverse("mentorat:espace"))


def _require(mentoring: Mentoring, *statuses) -> None:
    if mentoring.status not in statuses:
        raise MentoringError(
            _("Ce mentorat est maintenant « %(status)s » : cette action n'est plus possible.")
            % {"status": mentoring.get_status_display()}, code="state")


def _locked(mentoring: Mentoring) -> Mentoring:
    return (Mentoring.objects.select_for_update()
            .select_related("mentor__user", "newcomer__user", "request").get(pk=mentoring.pk))


# Offers and requests -------------------------------------------------------------------

@transaction.atomic
def mentor_offer_save(*, member: Member, capacity: int, note: str = "") -> MentorOffer:
    """Offer to mentor, or change the offer; it becomes active again."""
    if member.status not in MemberStatus.taking_part():
        raise MentoringError(_("Votre profil de membre n'est plus actif : écrivez à la "
                               "coordination pour le réactiver."), code="inactive")
    if not 1 <= capacity <= 5:
        raise ValidationError({"capacity": _("Indiquez un nombre de personnes entre 1 et 5.")})
    offer, _created = MentorOffer.objects.update_or_create(
        member=member, defaults={"capacity": capacity, "note": note.strip(), "active": True})
    return offer


@transaction.atomic
def mentor_offer_withdraw(*, member: Member) -> MentorOffer | None:
    """No new proposals; mentorings already under way go on."""
    offer = MentorOffer.objects.select_for_update().filter(member=member).first()
    if offer is not None and offer.active:
        offer.active = False
        offer.save(update_fields=["active"])
    return offer


@transaction.atomic
def mentoring_request_create(*, member: Member, note: str = "") -> MentoringRequest:
    """A newcomer asks for a mentor; asking again while a request is open changes nothing."""
    Member.objects.select_for_update().get(pk=member.pk)
    existing = MentoringRequest.objects.filter(member=member,
                                               status=MentoringRequestStatus.OPEN).first()
    if existing is not None:
        return existing
    return MentoringRequest.objects.create(member=member, note=note.strip())


JOIN_WISH = Wish(
    code="mentorat",
    label=_("J'aimerais qu'une personne d'expérience de la communauté m'accompagne à mes "
            "débuts (mentorat entre pairs)."),
    help_text=_("Facultatif. La coordination vous proposera une personne mentor; vous "
                "pourrez accepter ou refuser."),
    on_join=lambda member: mentoring_request_create(member=member))


@transaction.atomic
def mentoring_request_withdraw(*, request: MentoringRequest) -> MentoringRequest:
    request = MentoringRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MentoringRequestStatus.OPEN:
        raise MentoringError(_("Cette demande n'est plus ouverte."), code="state")
    request.status = MentoringRequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    request.mentorings.filter(status__in=(MentoringStatus.PROPOSED,
                                          MentoringStatus.APPROVED)).update(
        status=MentoringStatus.CANCELLED, ended_at=timezone.now())
    return request


# Proposal and double opt-in ------------------------------------------------------------

@transaction.atomic
def mentoring_propose(*, request: MentoringRequest, mentor: Member) -> Mentoring:
    """Record the proposal of `mentor` with the ranking's explanation.

    The request row is locked, then the mentor's, so that two coordinators cannot give
    the mentor's last place twice.
    """
    request = (MentoringRequest.objects.select_for_update().select_related("member")
               .get(pk=request.pk))
    Member.objects.select_for_update().get(pk=mentor.pk)
    if request.status != MentoringRequestStatus.OPEN:
        raise MentoringError(_("Cette demande de mentorat n'est plus ouverte."), code="state")
    if Mentoring.objects.filter(request=request, status__in=OCCUPYING_STATUSES).exists():
        raise MentoringError(_("Une personne mentor est déjà proposée pour cette demande : "
                               "attendez les réponses ou annulez la proposition."),
                             code="pending")
    offer, facts = ranking.facts_of(request, mentor.pk)
    if offer is None:
        raise MentoringError(_("Cette personne n'offre pas de mentorat."), code="no_offer")
    newcomer = ranking.newcomer_facts(request)
    failed = scoring.failed_rules(facts, newcomer, timezone.localdate())
    if failed:
        from mentorat.phrases import RULE_SENTENCES

        raise MentoringError([RULE_SENTENCES[code] for code in failed], code="ineligible")
    result = scoring.score(facts, newcomer)
    return Mentoring.objects.create(
        request=request, mentor=mentor, newcomer=request.member, points=result.points,
        points_max=result.maximum, score=result.score, factors=result.factors)


def _invite(mentoring: Mentoring, side: str) -> None:
    member = mentoring.mentor if side == Side.MENTOR else mentoring.newcomer
    user = member.user
    notification_queue(
        kind=NotificationKind.MENTORING_INVITATION, email=user.email, recipient=user,
        language=user.preferred_language, template="mentorat/courriels/invitation",
        dedup_key=f"mentorat-invitation:{mentoring.pk}:{side}",
        context={"mentoring": mentoring, "name": user.display_name,
                 "as_mentor": side == Side.MENTOR, "link": _space_link()})


@transaction.atomic
def mentoring_approve(*, mentoring: Mentoring, by: User) -> Mentoring:
    """Invite both sides; approving again changes nothing."""
    mentoring = _locked(mentoring)
    if mentoring.status == MentoringStatus.APPROVED:
        return mentoring
    _require(mentoring, MentoringStatus.PROPOSED)
    mentoring.status = MentoringStatus.APPROVED
    mentoring.approved_by = by
    mentoring.approved_at = timezone.now()
    mentoring.save(update_fields=["status", "approved_by", "approved_at"])
    for side in Side.values:
        _invite(mentoring, side)
    return mentoring


@transaction.atomic
def mentoring_pair(*, request: MentoringRequest, mentor: Member, by: User) -> Mentoring:
    """The coordinators' choice from the ranked list: proposed and approved at once."""
    return mentoring_approve(mentoring=mentoring_propose(request=request, mentor=mentor),
                             by=by)


@transaction.atomic
def mentoring_accept(*, mentoring: Mentoring, member: Member) -> Mentoring:
    """One side accepts; with the other's yes, the mentoring is confirmed, the request
    is fulfilled and both receive each other's contact."""
    mentoring = _locked(mentoring)
    side = mentoring.side_of(member)
    if side is None:
        raise MentoringError(_("Ce mentorat ne vous concerne pas."), code="not_yours")
    _require(mentoring, MentoringStatus.APPROVED)
    now = timezone.now()
    field = "mentor_accepted_at" if side == Side.MENTOR else "newcomer_accepted_at"
    if getattr(mentoring, field) is None:
        setattr(mentoring, field, now)
        mentoring.save(update_fields=[field])
    if mentoring.mentor_accepted_at and mentoring.newcomer_accepted_at:
        mentoring.status = MentoringStatus.ACCEPTED
        mentoring.accepted_at = now
        mentoring.save(update_fields=["status", "accepted_at"])
        MentoringRequest.objects.filter(pk=mentoring.request_id).update(
            status=MentoringRequestStatus.PAIRED)
        _confirm(mentoring)
    return mentoring


def _confirm(mentoring: Mentoring) -> None:
    pairs = ((mentoring.mentor, mentoring.newcomer, True),
             (mentoring.newcomer, mentoring.mentor, False))
    for member, other, as_mentor in pairs:
        user = member.user
        notification_queue(
            kind=NotificationKind.MENTORING_CONFIRMED, email=user.email, recipient=user,
            about=other.user, language=user.preferred_language,
            template="mentorat/courriels/confirme",
            dedup_key=f"mentorat-confirme:{mentoring.pk}:{member.pk}",
            context={"name": user.display_name, "other": other.user,
                     "as_mentor": as_mentor, "link": _space_link()})


@transaction.atomic
def mentoring_decline(*, mentoring: Mentoring, member: Member) -> Mentoring:
    """One side declines: the request stays open for another mentor."""
    mentoring = _locked(mentoring)
    side = mentoring.side_of(member)
    if side is None:
        raise MentoringError(_("Ce mentorat ne vous concerne pas."), code="not_yours")
    _require(mentoring, MentoringStatus.APPROVED)
    mentoring.status = MentoringStatus.DECLINED
    mentoring.declined_at = timezone.now()
    mentoring.declined_by = side
    mentoring.save(update_fields=["status", "declined_at", "declined_by"])
    return mentoring


@transaction.atomic
def mentoring_end(*, mentoring: Mentoring) -> Mentoring:
    mentoring = _locked(mentoring)
    _require(mentoring, MentoringStatus.ACCEPTED)
    mentoring.status = MentoringStatus.ENDED
    mentoring.ended_at = timezone.now()
    mentoring.save(update_fields=["status", "ended_at"])
    return mentoring


@transaction.atomic
def mentoring_cancel(*, mentoring: Mentoring) -> Mentoring:
    mentoring = _locked(mentoring)
    _require(mentoring, *OCCUPYING_STATUSES)
    mentoring.status = MentoringStatus.CANCELLED
    mentoring.ended_at = timezone.now()
    mentoring.save(update_fields=["status", "ended_at"])
    return mentoring


# Hours and check-ins -------------------------------------------------------------------

@transaction.atomic
def mentoring_hours_declare(*, mentoring: Mentoring, member: Member, hours: Decimal,
                            worked_on: date, note: str = "") -> MentoringHours:
    """The mentor declares hours given; they count on the attestation."""
    mentoring = _locked(mentoring)
    if mentoring.side_of(member) != Side.MENTOR:
        raise MentoringError(_("Seule la personne mentor déclare des heures de mentorat."),
                             code="not_mentor")
    _require(mentoring, *HOURS_STATUSES)
    if worked_on > timezone.localdate():
        raise ValidationError({"worked_on": _("Cette date n'est pas encore arrivée.")})
    if hours <= 0:
        raise ValidationError({"hours": _("Indiquez un nombre d'heures plus grand que 0.")})
    return MentoringHours.objects.create(mentoring=mentoring, hours=hours,
                                         worked_on=worked_on, note=note.strip())


def check_ins_send(*, now: datetime | None = None) -> int:
    """Ask both sides of each confirmed mentoring how it goes, one and three months
    after the confirmation; each check-in is created, and its e-mail queued, once."""
    now = now or timezone.now()
    sent = 0
    for month in CHECK_IN_MONTHS:
        due = (Mentoring.objects.filter(status=MentoringStatus.ACCEPTED,
                                        accepted_at__lte=now - MONTH * month)
               .select_related("mentor__user", "newcomer__user"))
        for mentoring in due:
            for side in Side.values:
                sent += _check_in_ask(mentoring, side, month, now)
    return sent


def _check_in_ask(mentoring: Mentoring, side: str, month: int, now: datetime) -> int:
    try:
        with transaction.atomic():
            check_in, created = CheckIn.objects.get_or_create(
                mentoring=mentoring, side=side, month=month, defaults={"sent_at": now})
            if not created:
                return 0
            user = (mentoring.mentor if side == Side.MENTOR else mentoring.newcomer).user
            notification_queue(
                kind=NotificationKind.MENTORING_CHECKIN, email=user.email, recipient=user,
                language=user.preferred_language, template="mentorat/courriels/bilan",
                dedup_key=f"mentorat-bilan:{mentoring.pk}:{side}:{month}",
                context={"name": user.display_name, "month": month,
                         "link": _absolute(reverse("mentorat:bilan", args=[check_in.pk]))})
    except IntegrityError:
        # Another worker created it at the same moment, and asked.
        return 0
    return 1


@transaction.atomic
def check_in_answer(*, check_in: CheckIn, member: Member, feeling: str,
                    comment: str = "") -> CheckIn:
    """One side's answer, final once sent; "it is not going well" alerts every
    coordinator, with the person's comment."""
    check_in = (CheckIn.objects.select_for_update().select_related("mentoring")
                .get(pk=check_in.pk))
    if check_in.mentoring.side_of(member) != check_in.side:
        raise MentoringError(_("Ce bilan ne vous concerne pas."), code="not_yours")
    if check_in.answered_at is not None:
        raise MentoringError(_("Ce bilan est déjà envoyé : merci!"), code="answered")
    check_in.feeling = feeling
    check_in.comment = comment.strip()
    check_in.answered_at = timezone.now()
    check_in.save(update_fields=["feeling", "comment", "answered_at"])
    if feeling == Feeling.HARD:
        admin_url = _absolute(reverse("admin:mentorat_mentoring_change",
                                      args=[check_in.mentoring_id]))
        for user in coordinators():
            notification_queue(
                kind=NotificationKind.MENTORING_CHECKIN, email=user.email, recipient=user,
                language=user.preferred_language, about=member.user,
                template="mentorat/courriels/bilan_difficile",
                dedup_key=f"mentorat-bilan-difficile:{check_in.pk}:{user.pk}",
                context={"check_in": check_in, "member": member, "admin_url": admin_url})
    return check_in


def contributions_of(member: Member) -> list[Contribution]:
    """The member's mentorings as a mentor, with their hours, for the attestation."""
    mentorings = (Mentoring.objects.filter(mentor=member, status__in=HOURS_STATUSES)
                  .annotate(total=Sum("hours__hours")).order_by("accepted_at", "pk"))
    return [Contribution(title=str(_("Mentorat entre pairs")),
                         context=str(_("Communauté de pratique des citoyen(ne)s")),
                         nature=str(_("Accompagnement d'une personne nouvelle")),
                         started_at=m.accepted_at, ended_at=m.ended_at,
                         hours=m.total or Decimal(0)) for m in mentorings]
