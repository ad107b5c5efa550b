"""Every change of a pairing's state, each in one transaction with the rows it needs locked.

proposé → approuvé (the member is invited) → accepté | décliné → actif ⇄ en pause →
terminé, and annulé from any state before the end. Accepting starts the engagement at
once, or leaves it accepted until the project's start date (engagements_start_due).
Notifications are written in the same transaction (messagerie.services), keyed per
pairing so that a repeated click queues nothing more.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communaute.enums import ConsentKind, MemberStatus
from communaute.models import Member
from communaute.roles import COORDINATION_GROUP
from communaute.services import consent_record, has_consent
from jumelage import engine, scoring
from jumelage.enums import EvaluationSide, PairingOrigin, PairingStatus
from jumelage.models import (
    DISCLOSED_STATUSES,
    ENGAGED_STATUSES,
    HOURS_STATUSES,
    OPEN_PAIRING_STATUSES,
    CompensationPayment,
    Evaluation,
    HoursDeclaration,
    MatchingConfig,
    Observation,
    Pairing,
)
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue
from recrutement.enums import Compensation
from recrutement.models import OPEN_PROJECT_STATUSES, MatchRequest, Project
from recrutement.services import CONTRIBUTION_STATUSES, RecruitmentError

User = get_user_model()


class PairingStateError(ValidationError):
    """The pairing is not in a state that allows this change."""


def _locked(pairing: Pairing) -> Pairing:
    return Pairing.objects.select_for_update().select_related(
        "member__user", "project__team").get(pk=pairing.pk)


def _require(pairing: Pairing, *statuses) -> None:
    if pairing.status not in statuses:
        raise PairingStateError(
            _("Ce jumelage est maintenant « %(status)s » : cette action n'est plus possible.")
            % {"status": pairing.get_status_display()}, code="state")


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def coordinators():
    return User.objects.filter(
        Q(is_superuser=True) | Q(is_staff=True, groups__name=COORDINATION_GROUP),
        is_active=True).distinct().order_by("pk")


def _member_language(user) -> str:
    return user.preferred_language if user else settings.LANGUAGE_CODE


@transaction.atomic
def pairing_propose(*, project: Project, member: Member, match_request: MatchRequest | None = None,
                    origin: str = PairingOrigin.ENGINE, now: datetime | None = None) -> Pairing:
    """Record the proposal of `member` for `project` with the engine's explanation.

    The project row is locked first, so two coordinators proposing at once are served one
    after the other, then the member row, so that two projects approved at once cannot
    both take the member's last place. An existing proposal (e.g. the member's « Ça
    m'intéresse ») keeps its origin and gets the explanation; a pairing past the proposal
    is returned unchanged.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    member = Member.objects.select_for_update().get(pk=member.pk)
    now = timezone.localtime(now or timezone.now())
    existing = Pairing.objects.filter(project=project, member=member).first()
    if existing and existing.status != PairingStatus.PROPOSED:
        return existing
    weights = engine.weights_of(MatchingConfig.load())
    project_facts = engine.project_facts(project)
    [member_facts] = engine.member_facts(project.pk, members=[member])
    failed = scoring.failed_rules(member_facts, project_facts, now.date())
    if failed:
        from jumelage.phrases import RULE_SENTENCES

        raise PairingStateError([RULE_SENTENCES[code] for code in failed], code="ineligible")
    result = scoring.score(member_facts, project_facts, weights, now)
    pairing = existing or Pairing(project=project, member=member, origin=origin,
                                  proposed_at=now)
    pairing.match_request = pairing.match_request or match_request
    pairing.points, pairing.points_max, pairing.score = (result.points, result.maximum,
                                                         result.score)
    pairing.factors = result.factors
    pairing.inputs = scoring.inputs_of(member_facts, project_facts, weights)
    pairing.engine_version = engine.ENGINE_VERSION
    pairing.save()
    return pairing


@transaction.atomic
def pairing_approve(*, pairing: Pairing, by) -> Pairing:
    """Approve a proposal and invite the member; approving it again changes nothing."""
    Project.objects.select_for_update().get(pk=pairing.project_id)
    pairing = _locked(pairing)
    if pairing.status == PairingStatus.APPROVED:
        return pairing
    _require(pairing, PairingStatus.PROPOSED)
    now = timezone.now()
    pairing.status = PairingStatus.APPROVED
    pairing.approved_by = by
    pairing.approved_at = now
    pairing.save(update_fields=["status", "approved_by", "approved_at"])
    if pairing.match_request_id:
        MatchRequest.objects.filter(pk=pairing.match_request_id,
                                    first_proposal_at__isnull=True).update(first_proposal_at=now)
    _invite(pairing, NotificationKind.INVITATION, "jumelage/courriels/invitation",
            f"invitation:{pairing.pk}")
    return pairing


def _invite(pairing: Pairing, kind: str, template: str, dedup_key: str) -> None:
    user = pairing.member.user
    detail = reverse("jumelage:invitation", args=[pairing.pk])
    notification_queue(
        kind=kind, email=user.email, recipient=user, language=_member_language(user),
        template=template, dedup_key=dedup_key,
        context={"pairing": pairing, "project": pairing.project, "name": user.display_name,
                 "detail_url": _absolute(detail),
                 "accept_url": _absolute(reverse("jumelage:accepter", args=[pairing.pk])),
                 "decline_url": _absolute(reverse("jumelage:decliner", args=[pairing.pk]))},
    )


@transaction.atomic
def pairings_approve(*, project: Project, members: list[Member], by,
                     match_request: MatchRequest | None = None) -> list[Pairing]:
    """Propose then approve each of `members` for `project` (the admin's selection)."""
    return [pairing_approve(pairing=pairing_propose(project=project, member=member,
                                                    match_request=match_request), by=by)
            for member in members]


def _team_recipients(project: Project) -> list[tuple[str, object]]:
    recipients = {}
    for membership in project.team.memberships.select_related("user").order_by("pk"):
        recipients.setdefault(membership.user.email.lower(), membership.user)
    contact = project.contact_email.lower()
    # A contact person who deleted their account leaves the address empty.
    if contact and contact not in recipients:
        recipients[contact] = User.objects.filter(email__iexact=contact).first()
    return list(recipients.items())


def _tell_team(pairing: Pairing) -> None:
    for email, user in _team_recipients(pairing.project):
        notification_queue(
            kind=NotificationKind.TEAM_ANSWER, email=email, recipient=user,
            about=pairing.member.user,
            language=_member_language(user), template="jumelage/courriels/reponse_equipe",
            dedup_key=f"reponse:{pairing.pk}:{pairing.status}:{email}"[:150],
            context={"pairing": pairing, "project": pairing.project,
                     "accepted": pairing.status in ENGAGED_STATUSES,
                     "member_user": pairing.member.user},
        )


@transaction.atomic
def pairing_accept(*, pairing: Pairing, confidentiality: bool = False) -> Pairing:
    """The member accepts, if a place is free among their projects at a time; the
    confidentiality commitment is required once, recorded here.

    The engagement starts at once, so the member can declare hours right away, unless the
    project names a later start date: it then starts that day (engagements_start_due).

    `_locked` locks the member's row with the pairing's (a join locks every row it reads),
    so two acceptances by the same member at once are counted one after the other.
    """
    pairing = _locked(pairing)
    _require(pairing, PairingStatus.APPROVED)
    member = pairing.member
    engaged = Pairing.objects.engaged().filter(member=member).count()
    if engaged >= member.max_projects:
        raise ValidationError(ngettext(
            "Vous participez déjà à %(count)s projet, le maximum que vous vous êtes donné. "
            "Pour accepter cette invitation, terminez d'abord un engagement ou augmentez ce "
            "maximum dans votre profil.",
            "Vous participez déjà à %(count)s projets, le maximum que vous vous êtes donné. "
            "Pour accepter cette invitation, terminez d'abord un engagement ou augmentez ce "
            "maximum dans votre profil.", engaged) % {"count": engaged}, code="capacity")
    if not has_consent(member, ConsentKind.CONFIDENTIALITY):
        if not confidentiality:
            raise ValidationError(
                {"confidentialite": _("Pour accepter, prenez l'engagement à la "
                                      "confidentialité.")}, code="confidentiality")
        consent_record(member=member, kind=ConsentKind.CONFIDENTIALITY, given=True)
    now = timezone.now()
    pairing.answered_at = now
    if _starts_later(pairing.project, timezone.localdate(now)):
        pairing.status = PairingStatus.ACCEPTED
    else:
        pairing.status, pairing.started_at = PairingStatus.ACTIVE, now
    pairing.save(update_fields=["status", "answered_at", "started_at"])
    _tell_team(pairing)
    return pairing


def _starts_later(project: Project, today: date) -> bool:
    return project.starts_on is not None and project.starts_on > today


@transaction.atomic
def pairing_decline(*, pairing: Pairing, reason: str = "") -> Pairing:
    pairing = _locked(pairing)
    _require(pairing, PairingStatus.APPROVED)
    pairing.status = PairingStatus.DECLINED
    pairing.answered_at = timezone.now()
    pairing.decline_reason = reason.strip()
    pairing.save(update_fields=["status", "answered_at", "decline_reason"])
    _tell_team(pairing)
    return pairing


@transaction.atomic
def pairing_activate(*, pairing: Pairing) -> Pairing:
    """Start an accepted engagement now, before its project's start date."""
    pairing = _locked(pairing)
    _require(pairing, PairingStatus.ACCEPTED)
    pairing.status = PairingStatus.ACTIVE
    pairing.started_at = timezone.now()
    pairing.save(update_fields=["status", "started_at"])
    return pairing


def engagements_start_due(*, today: date | None = None) -> int:
    """Start the accepted engagements whose project has begun; run again, starts none.

    One conditional update: a pairing another run (or a coordinator) already started is
    no longer « accepté » and is left as it is.
    """
    today = today or timezone.localdate()
    return (Pairing.objects.filter(status=PairingStatus.ACCEPTED)
            .filter(Q(project__starts_on__isnull=True) | Q(project__starts_on__lte=today))
            .update(status=PairingStatus.ACTIVE, started_at=timezone.now()))


@transaction.atomic
def pairing_pause(*, pairing: Pairing) -> Pairing:
    """A coordinator pauses an engagement under way; hours already given stay declarable."""
    pairing = _locked(pairing)
    _require(pairing, PairingStatus.ACTIVE)
    pairing.status = PairingStatus.PAUSED
    pairing.save(update_fields=["status"])
    return pairing


@transaction.atomic
def pairing_resume(*, pairing: Pairing) -> Pairing:
    pairing = _locked(pairing)
    _require(pairing, PairingStatus.PAUSED)
    pairing.status = PairingStatus.ACTIVE
    pairing.save(update_fields=["status"])
    return pairing


@transaction.atomic
def pairing_end(*, pairing: Pairing, hours_given: Decimal | None = None,
                feedback: str = "") -> Pairing:
    """End the engagement and send both sides the evaluation questionnaire."""
    if hours_given is not None and hours_given < 0:
        raise ValidationError({"hours_given": _("Les heures ne peuvent pas être négatives.")})
    pairing = _locked(pairing)
    _require(pairing, *ENGAGED_STATUSES)
    pairing.status = PairingStatus.ENDED
    pairing.ended_at = timezone.now()
    pairing.hours_given = hours_given
    pairing.feedback = feedback.strip()
    pairing.save(update_fields=["status", "ended_at", "hours_given", "feedback"])
    _evaluations_send(pairing)
    return pairing


def _evaluations_send(pairing: Pairing) -> None:
    for side in EvaluationSide.values:
        Evaluation.objects.get_or_create(pairing=pairing, side=side)
    user = pairing.member.user
    notification_queue(
        kind=NotificationKind.EVALUATION, email=user.email, recipient=user,
        language=_member_language(user), template="jumelage/courriels/evaluation",
        dedup_key=f"evaluation:{pairing.pk}:{EvaluationSide.MEMBER}",
        context={"project": pairing.project, "name": user.display_name, "for_team": False,
                 "link": _absolute(reverse("jumelage:evaluation_membre", args=[pairing.pk]))})
    link = _absolute(reverse("jumelage:evaluation_equipe", args=[pairing.pk]))
    for email, team_user in _team_recipients(pairing.project):
        notification_queue(
            kind=NotificationKind.EVALUATION, email=email, recipient=team_user, about=user,
            language=_member_language(team_user), template="jumelage/courriels/evaluation",
            dedup_key=f"evaluation:{pairing.pk}:{EvaluationSide.TEAM}:{email}"[:150],
            context={"project": pairing.project, "for_team": True, "link": link,
                     "name": team_user.display_name if team_user else "",
                     "member_name": user.display_name})


@transaction.atomic
def evaluation_save(*, pairing: Pairing, side: str, by, satisfaction: int | None,
                    what_worked: str = "", effect: str = "", submit: bool) -> Evaluation:
    """Keep one side's answers; once submitted they are final."""
    evaluation, _created = Evaluation.objects.select_for_update().get_or_create(
        pairing=pairing, side=side)
    if evaluation.submitted_at:
        raise PairingStateError(_("Ce questionnaire est déjà envoyé : merci!"),
                                code="submitted")
    if submit and satisfaction is None:
        raise ValidationError({"satisfaction": _("Indiquez votre satisfaction de 1 à 5 pour "
                                                 "envoyer le questionnaire.")})
    evaluation.satisfaction = satisfaction
    evaluation.what_worked = what_worked.strip()
    evaluation.effect = effect.strip()
    if submit:
        evaluation.submitted_at = timezone.now()
        evaluation.submitted_by = by
    evaluation.save()
    return evaluation


# Recognition -------------------------------------------------------------------------

# A month's hours beyond this many times what the project plans are most likely a typing
# slip (« 15 » for « 1,5 »): the member confirms them, and the team sees they are unusual.
UNUSUAL_FACTOR = 3


def _unusual_hours(pairing: Pairing, hours: Decimal, worked_on: date) -> str:
    """Why the month's total with `hours` is beyond the plausible, or "" if it is not."""
    month_total = hours + (pairing.hours_declarations.filter(
        worked_on__year=worked_on.year, worked_on__month=worked_on.month,
        contested_at__isnull=True).aggregate(total=Sum("hours"))["total"] or 0)
    planned = pairing.project.hours_per_month
    ceiling = MatchingConfig.load().hours_ceiling_per_month
    values = {"total": number_format(month_total.normalize()),
              "month": date_format(worked_on, "F Y"), "planned": planned, "ceiling": ceiling}
    if planned and month_total > UNUSUAL_FACTOR * planned:
        return ngettext(
            "Avec celles-ci, vous déclarez %(total)s heures en %(month)s, plus de trois fois "
            "les %(planned)s heure par mois que prévoit le projet.",
            "Avec celles-ci, vous déclarez %(total)s heures en %(month)s, plus de trois fois "
            "les %(planned)s heures par mois que prévoit le projet.", planned) % values
    if month_total > ceiling:
        return _("Avec celles-ci, vous déclarez %(total)s heures en %(month)s, plus que le "
                 "plafond de %(ceiling)s heures par mois.") % values
    return ""


@transaction.atomic
def hours_declare(*, pairing: Pairing, hours: Decimal, worked_on, note: str = "",
                  confirm_unusual: bool = False) -> HoursDeclaration:
    """The member declares hours given to an engagement that has begun.

    A month's total far beyond the plausible is kept only once the member confirms it,
    and then carries the `unusual` flag the team sees when it confirms the hours.
    """
    pairing = _locked(pairing)
    _require(pairing, *HOURS_STATUSES)
    if worked_on > timezone.localdate():
        raise ValidationError({"worked_on": _("Cette date n'est pas encore arrivée.")})
    if hours <= 0:
        raise ValidationError({"hours": _("Indiquez un nombre d'heures plus grand que 0.")})
    why = _unusual_hours(pairing, hours, worked_on)
    if why and not confirm_unusual:
        raise ValidationError({"confirm_unusual": " ".join([str(why), str(_(
            "Vérifiez le nombre (une heure et demie s'écrit 1,5); s'il est exact, cochez la "
            "case pour le confirmer."))])}, code="unusual")
    return HoursDeclaration.objects.create(pairing=pairing, hours=hours, worked_on=worked_on,
                                           note=note.strip(), unusual=bool(why))


@transaction.atomic
def hours_confirm(*, declaration: HoursDeclaration, by) -> HoursDeclaration:
    """The team confirms declared hours, contested or not; again changes nothing."""
    declaration = HoursDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.confirmed_at is None:
        declaration.confirmed_at = timezone.now()
        declaration.confirmed_by = by
        declaration.contested_at, declaration.contest_reason = None, ""
        declaration.save(update_fields=["confirmed_at", "confirmed_by", "contested_at",
                                        "contest_reason"])
    return declaration


@transaction.atomic
def hours_contest(*, declaration: HoursDeclaration, reason: str) -> HoursDeclaration:
    """The team does not recognise declared hours: the member is told why, by e-mail."""
    declaration = (HoursDeclaration.objects.select_for_update()
                   .select_related("pairing__member__user", "pairing__project")
                   .get(pk=declaration.pk))
    if declaration.confirmed_at is not None:
        raise ValidationError(_("Ces heures sont déjà confirmées."), code="confirmed")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Dites au membre pourquoi ces heures sont "
                                           "contestées.")})
    if declaration.contested_at is None:
        declaration.contested_at = timezone.now()
        declaration.contest_reason = reason
        declaration.save(update_fields=["contested_at", "contest_reason"])
        user = declaration.pairing.member.user
        notification_queue(
            kind=NotificationKind.HOURS_CONTESTED, email=user.email, recipient=user,
            language=_member_language(user), template="jumelage/courriels/heures_contestees",
            dedup_key=f"heures_contestees:{declaration.pk}",
            context={"declaration": declaration, "pairing": declaration.pairing,
                     "hours_url": _absolute(reverse("jumelage:heures",
                                                    args=[declaration.pairing_id]))})
    return declaration


@transaction.atomic
def compensation_record(*, pairing: Pairing, amount: Decimal, paid_on, by,
                        note: str = "") -> CompensationPayment:
    """A coordinator records money paid to the member, for a project that offers it."""
    pairing = _locked(pairing)
    if pairing.project.compensation == Compensation.NONE:
        raise ValidationError(_("Ce projet n'offre pas de rémunération."), code="none")
    _require(pairing, *HOURS_STATUSES)
    if amount <= 0:
        raise ValidationError({"amount": _("Le montant doit être plus grand que 0.")})
    return CompensationPayment.objects.create(pairing=pairing, amount=amount, paid_on=paid_on,
                                              note=note.strip(), recorded_by=by)


@transaction.atomic
def pairing_cancel(*, pairing: Pairing) -> Pairing:
    pairing = _locked(pairing)
    _require(pairing, *OPEN_PAIRING_STATUSES)
    pairing.status = PairingStatus.CANCELLED
    pairing.ended_at = timezone.now()
    pairing.save(update_fields=["status", "ended_at"])
    return pairing


@transaction.atomic
def observation_send(*, pairing: Pairing, message: str) -> Observation:
    """A member's observation on their proposal, sent to every coordinator."""
    observation = Observation.objects.create(pairing=pairing, message=message.strip())
    admin_url = _absolute(reverse("admin:jumelage_observation_change", args=[observation.pk]))
    for user in coordinators():
        notification_queue(
            kind=NotificationKind.OBSERVATION, email=user.email, recipient=user,
            about=pairing.member.user,
            language=_member_language(user), template="jumelage/courriels/observation",
            dedup_key=f"observation:{observation.pk}:{user.pk}",
            context={"observation": observation, "pairing": pairing, "admin_url": admin_url})
    return observation


def invitation_reminders_send(*, now: datetime | None = None) -> int:
    """Remind members who have not answered an invitation after the configured delay."""
    now = now or timezone.now()
    days = MatchingConfig.load().reminder_after_days
    due = Pairing.objects.filter(status=PairingStatus.APPROVED, reminded_at__isnull=True,
                                 approved_at__lte=now - timedelta(days=days))
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Pairing.objects.filter(
                pk=pk, status=PairingStatus.APPROVED, reminded_at__isnull=True,
            ).update(reminded_at=now)
            if claimed:
                pairing = Pairing.objects.select_related("member__user", "project").get(pk=pk)
                _invite(pairing, NotificationKind.INVITATION_REMINDER,
                        "jumelage/courriels/rappel_invitation", f"rappel:{pk}")
                sent += 1
    return sent


@transaction.atomic
def match_request_digest_send(*, now: datetime | None = None) -> int:
    """Tell coordinators about the match requests made since the last digest."""
    now = now or timezone.now()
    config = MatchingConfig.load()
    config = MatchingConfig.objects.select_for_update().get(pk=config.pk)
    since = config.requests_digested_until or now - timedelta(days=1)
    requests = list(MatchRequest.objects.filter(created_at__gt=since, created_at__lte=now)
                    .select_related("project__team").order_by("created_at", "pk"))
    config.requests_digested_until = now
    config.save(update_fields=["requests_digested_until"])
    if not requests:
        return 0
    for user in coordinators():
        notification_queue(
            kind=NotificationKind.REQUEST_DIGEST, email=user.email, recipient=user,
            language=_member_language(user), template="jumelage/courriels/demandes_resume",
            dedup_key=f"demandes:{now.isoformat()}:{user.pk}"[:150],
            context={"requests": [
                (request, _absolute(reverse("admin:jumelage_candidats", args=[request.pk])))
                for request in requests]})
    return len(requests)


# A project seen from the people engaged in it -----------------------------------------

MEMBER_LEFT = _("Votre profil de membre n'est plus actif : écrivez à la coordination pour le "
                "réactiver.")


@transaction.atomic
def project_express_interest(*, project: Project, member: Member, message: str = "",
                             today: date | None = None) -> Pairing:
    """Make `member` a candidate for `project`; a second click changes nothing."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in OPEN_PROJECT_STATUSES:
        raise RecruitmentError(_("Ce projet ne reçoit plus de manifestations d'intérêt."))
    if member.status not in MemberStatus.taking_part():
        raise RecruitmentError(MEMBER_LEFT)
    today = today or timezone.localdate()
    if project.interest_deadline and project.interest_deadline < today:
        raise RecruitmentError(_("La date limite pour manifester son intérêt est passée."))
    pairing, _created = Pairing.objects.get_or_create(
        project=project, member=member,
        defaults={"origin": PairingOrigin.INTEREST, "status": PairingStatus.PROPOSED,
                  "interest_message": message.strip()})
    return pairing


@transaction.atomic
def project_contribution_share(*, project: Project, outcome: str) -> Project:
    """The team tells the members who took part what their contribution changed.

    Each member is written to once; a later correction of the text shows in their space
    without a second e-mail.
    """
    project = Project.objects.select_for_update().select_related("team").get(pk=project.pk)
    if project.status not in CONTRIBUTION_STATUSES:
        raise RecruitmentError(_("Vous pourrez partager les retombées quand le projet sera "
                                 "comblé ou fermé."))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Écrivez ce que la contribution des partenaires "
                                            "a changé.")})
    project.contribution_outcome = outcome.strip()
    project.contribution_shared_at = project.contribution_shared_at or timezone.now()
    project.save(update_fields=["contribution_outcome", "contribution_shared_at"])
    link = settings.SITE_URL + reverse("espace")
    pairings = (project.pairings.filter(status__in=DISCLOSED_STATUSES)
                .select_related("member__user").order_by("pk"))
    for pairing in pairings:
        user = pairing.member.user
        notification_queue(
            kind=NotificationKind.CONTRIBUTION, email=user.email, recipient=user,
            template="recrutement/courriels/retombees", language=user.preferred_language,
            dedup_key=f"retombees:{project.pk}:{pairing.pk}",
            context={"project": project, "name": user.display_name, "link": link})
    return project
