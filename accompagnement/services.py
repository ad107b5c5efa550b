"""Every change of a support request and of an engagement plan, one transaction each.

Support requests: reçue → en cours (a coordinator takes it, or records a first meeting)
→ fermée (with an outcome the team reads). Plans: each save is a new version; the
project then offers the highest step planned. Notifications go through the outbox,
keyed so that a repeated click queues nothing more.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accompagnement.enums import SupportStatus
from accompagnement.models import (
    OPEN_SUPPORT_STATUSES,
    EngagementPlan,
    PlanAgreement,
    PlanComment,
    PlanLine,
    PlanVersion,
    SupportMeeting,
    SupportMessage,
    SupportRequest,
)
from accompagnement.plans import current_version, partners
from communaute.models import Member, User
from communaute.roles import is_coordinator
from jumelage.services import coordinators
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue
from recrutement.enums import ProjectStatus
from recrutement.models import Project, Team
from recrutement.services import project_continuum_set

# A closed or cancelled project has nothing left to plan.
PLANNABLE_STATUSES = tuple(s for s in ProjectStatus.values
                           if s not in (ProjectStatus.CLOSED, ProjectStatus.CANCELLED))


class SupportError(ValidationError):
    """A refused operation; its message is written for the person who tried it."""


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _team_users(team: Team) -> list[User]:
    return [m.user for m in team.memberships.select_related("user").order_by("pk")]


def _locked(request: SupportRequest) -> SupportRequest:
    return (SupportRequest.objects.select_for_update(of=("self",))
            .select_related("team", "project")
            .get(pk=request.pk))


def _require_open(request: SupportRequest) -> None:
    if request.status not in OPEN_SUPPORT_STATUSES:
        raise SupportError(_("Cette demande est fermée. Pour un nouveau besoin, faites une "
                             "nouvelle demande."), code="closed")


def _tell_team(request: SupportRequest, kind: str, template: str, key: str,
               **context) -> None:
    link = _absolute(reverse("accompagnement:soutien_detail", args=[request.pk]))
    for user in _team_users(request.team):
        notification_queue(
            kind=kind, email=user.email, recipient=user, language=user.preferred_language,
            template=f"accompagnement/courriels/{template}",
            dedup_key=f"{key}:{user.pk}"[:150],
            context={"request": request, "link": link, "name": user.display_name,
                     **context})


# Support requests ------------------------------------------------------------------------

@transaction.atomic
def support_request_create(*, team: Team, created_by: User, kind: str, needs: str,
                           project: Project | None = None,
                           due_on: date | None = None) -> SupportRequest:
    """A team asks for support; every coordinator hears of it."""
    if project is not None and project.team_id != team.pk:
        raise SupportError(_("Ce projet n'est pas celui de votre équipe."), code="project")
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Choisissez une date à venir.")})
    if not needs.strip():
        raise ValidationError({"needs": _("Dites ce dont votre équipe a besoin.")})
    request = SupportRequest.objects.create(team=team, project=project, kind=kind,
                                            needs=needs.strip(), due_on=due_on,
                                            created_by=created_by)
    admin_url = _absolute(reverse("admin:accompagnement_supportrequest_change",
                                  args=[request.pk]))
    for user in coordinators():
        notification_queue(
            kind=NotificationKind.SUPPORT_RECEIVED, email=user.email, recipient=user,
            language=user.preferred_language,
            template="accompagnement/courriels/soutien_recue",
            dedup_key=f"soutien:{request.pk}:{user.pk}",
            context={"request": request, "admin_url": admin_url})
    return request


@transaction.atomic
def support_assign(*, request: SupportRequest, coordinator: User) -> SupportRequest:
    """A coordinator takes the request in charge; the team is told who follows it."""
    if not is_coordinator(coordinator):
        raise SupportError(_("Seule une personne de la coordination prend une demande en "
                             "charge."), code="not_coordinator")
    request = _locked(request)
    _require_open(request)
    if request.assigned_to_id == coordinator.pk:
        return request
    request.assigned_to = coordinator
    request.assigned_at = request.assigned_at or timezone.now()
    request.status = SupportStatus.IN_PROGRESS
    request.save(update_fields=["assigned_to", "assigned_at", "status"])
    _tell_team(request, NotificationKind.SUPPORT_UPDATE, "soutien_prise_en_charge",
               f"soutien-prise:{request.pk}:{coordinator.pk}", coordinator=coordinator)
    return request


@transaction.atomic
def support_message_post(*, request: SupportRequest, author: User, body: str,
                         from_team: bool) -> SupportMessage:
    """A message in the exchange: the team's goes to the coordinator in charge (or to
    every coordinator while none is), the coordination's to the team."""
    request = _locked(request)
    _require_open(request)
    if not body.strip():
        raise ValidationError({"body": _("Écrivez votre message.")})
    message = SupportMessage.objects.create(request=request, author=author,
                                            from_team=from_team, body=body.strip())
    if not from_team:
        _tell_team(request, NotificationKind.SUPPORT_UPDATE, "soutien_message",
                   f"soutien-message:{message.pk}", message=message)
        return message
    recipients = [request.assigned_to] if request.assigned_to_id else list(coordinators())
    admin_url = _absolute(reverse("admin:accompagnement_supportrequest_change",
                                  args=[request.pk]))
    for user in recipients:
        notification_queue(
            kind=NotificationKind.SUPPORT_UPDATE, email=user.email, recipient=user,
            language=user.preferred_language, about=author,
            template="accompagnement/courriels/soutien_reponse_equipe",
            dedup_key=f"soutien-message:{message.pk}:{user.pk}",
            context={"request": request, "message": message, "admin_url": admin_url})
    return message


@transaction.atomic
def support_meeting_record(*, request: SupportRequest, held_on: date, minutes: int,
                           coordinator: User, note: str = "") -> SupportMeeting:
    """A meeting and the time it took; a first one puts a received request in progress,
    in the charge of whoever recorded it."""
    request = _locked(request)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Cette date n'est pas encore arrivée.")})
    if not 1 <= minutes <= 24 * 60:
        raise ValidationError({"minutes": _("Indiquez un temps entre 1 et 1 440 minutes.")})
    meeting = SupportMeeting.objects.create(request=request, held_on=held_on,
                                            minutes=minutes, note=note.strip(),
                                            coordinator=coordinator)
    if request.status == SupportStatus.RECEIVED:
        support_assign(request=request, coordinator=coordinator)
    return meeting


@transaction.atomic
def support_close(*, request: SupportRequest, outcome: str, by: User) -> SupportRequest:
    """Close with the outcome the team reads in its space and by e-mail."""
    request = _locked(request)
    _require_open(request)
    if not outcome.strip():
        raise ValidationError({"outcome": _("Écrivez le résultat pour l'équipe : ce qui a "
                                            "été fait, ce qu'elle peut faire ensuite.")})
    request.status = SupportStatus.CLOSED
    request.closed_at = timezone.now()
    request.outcome = outcome.strip()
    request.assigned_to = request.assigned_to or by
    request.assigned_at = request.assigned_at or request.closed_at
    request.save(update_fields=["status", "closed_at", "outcome", "assigned_to",
                                "assigned_at"])
    _tell_team(request, NotificationKind.SUPPORT_CLOSED, "soutien_fermee",
               f"soutien-fermee:{request.pk}")
    return request


# Engagement plans ------------------------------------------------------------------------

def _same_lines(version: PlanVersion | None, lines: list[dict]) -> bool:
    if version is None:
        return False
    before = {(line.phase_id, line.continuum_step, line.partners_role,
               Decimal(line.expected_hours)) for line in version.lines.all()}
    after = {(line["phase"].pk, line["continuum_step"], line["partners_role"].strip(),
              Decimal(line["expected_hours"] or 0)) for line in lines}
    return before == after


@transaction.atomic
def plan_save(*, project: Project, lines: list[dict], by: User,
              change_note: str = "") -> PlanVersion:
    """Keep the plan as a new version, unless nothing changed; the project then offers
    the highest step planned, and its partners are told there is a version to read.

    `lines`: one dict per phase planned (phase, continuum_step, partners_role,
    expected_hours).
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in PLANNABLE_STATUSES:
        raise SupportError(_("Ce projet est fermé ou annulé : son plan d'engagement ne "
                             "change plus."), code="closed")
    if not lines:
        raise SupportError(_("Choisissez l'étape du continuum d'au moins une phase."),
                           code="empty")
    plan, _created = EngagementPlan.objects.get_or_create(project=project)
    latest = current_version(project)
    if _same_lines(latest, lines):
        return latest
    version = PlanVersion.objects.create(plan=plan, number=(latest.number + 1 if latest else 1),
                                         created_by=by, change_note=change_note.strip())
    PlanLine.objects.bulk_create([
        PlanLine(version=version, phase=line["phase"], continuum_step=line["continuum_step"],
                 partners_role=line["partners_role"].strip(),
                 expected_hours=line["expected_hours"] or 0)
        for line in lines])
    project_continuum_set(project=project,
                          step=max(line["continuum_step"] for line in lines))
    link = _absolute(reverse("accompagnement:plan", args=[project.pk]))
    for member in partners(project):
        user = member.user
        notification_queue(
            kind=NotificationKind.PLAN_SHARED, email=user.email, recipient=user,
            language=user.preferred_language, template="accompagnement/courriels/plan_partage",
            dedup_key=f"plan:{version.pk}:{member.pk}",
            context={"project": project, "version": version, "link": link,
                     "name": user.display_name})
    return version


def _partner(project: Project, user: User) -> Member | None:
    """The user's member profile if they are engaged in the project, else None."""
    return partners(project).filter(user=user).first()


@transaction.atomic
def plan_comment(*, project: Project, author: User, body: str) -> PlanComment:
    """A comment on the current version, by a partner or by the team: the other side is
    told."""
    version = current_version(project)
    if version is None:
        raise SupportError(_("Ce projet n'a pas encore de plan d'engagement."), code="none")
    if not body.strip():
        raise ValidationError({"body": _("Écrivez votre commentaire.")})
    partner = _partner(project, author)
    in_team = project.team.memberships.filter(user=author).exists()
    if partner is None and not in_team:
        raise SupportError(_("Seuls l'équipe et les partenaires du projet commentent son "
                             "plan."), code="not_partner")
    comment = PlanComment.objects.create(version=version, author=author, body=body.strip())
    link = _absolute(reverse("accompagnement:plan", args=[project.pk]))
    recipients = ([m.user for m in partners(project) if m.user_id != author.pk] if in_team
                  else _team_users(project.team))
    for user in recipients:
        notification_queue(
            kind=NotificationKind.PLAN_ANSWER, email=user.email, recipient=user,
            language=user.preferred_language, about=author,
            template="accompagnement/courriels/plan_commentaire",
            dedup_key=f"plan-commentaire:{comment.pk}:{user.pk}",
            context={"project": project, "comment": comment, "link": link,
                     "author": author})
    return comment


@transaction.atomic
def plan_agree(*, project: Project, user: User) -> PlanAgreement:
    """A partner agrees with the current version; the team is told once. The project row
    is locked, so a double click records one agreement."""
    project = Project.objects.select_for_update().select_related("team").get(pk=project.pk)
    version = current_version(project)
    if version is None:
        raise SupportError(_("Ce projet n'a pas encore de plan d'engagement."), code="none")
    member = _partner(project, user)
    if member is None:
        raise SupportError(_("Seuls les partenaires engagés dans le projet donnent leur "
                             "accord."), code="not_partner")
    agreement, created = PlanAgreement.objects.get_or_create(version=version, member=member)
    if created:
        link = _absolute(reverse("accompagnement:plan", args=[project.pk]))
        for team_user in _team_users(project.team):
            notification_queue(
                kind=NotificationKind.PLAN_ANSWER, email=team_user.email,
                recipient=team_user, language=team_user.preferred_language, about=user,
                template="accompagnement/courriels/plan_accord",
                dedup_key=f"plan-accord:{agreement.pk}:{team_user.pk}",
                context={"project": project, "version": version, "link": link,
                         "author": user})
    return agreement
