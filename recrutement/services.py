"""Every operation that changes teams, projects and match requests.

The project life cycle lives in `PROJECT_TRANSITIONS`, the one table that says which
status may follow which; every named service below goes through `project_transition`.
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import InterfaceLanguage
from communaute.models import User
from communaute.services import account_open
from formation.models import Course
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue
from recrutement.continuum import planned_step
from recrutement.enums import MatchRequestStatus, ProjectStatus, TeamStatus
from recrutement.models import (
    OPEN_PROJECT_STATUSES,
    Establishment,
    MatchRequest,
    Project,
    Team,
    TeamInvitation,
    TeamMembership,
)

INVITATION_VALIDITY = timedelta(days=14)

S = ProjectStatus
PROJECT_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.CANCELLED},
    S.SUBMITTED: {S.PUBLISHED, S.RETURNED, S.CANCELLED},
    S.RETURNED: {S.SUBMITTED, S.CANCELLED},
    S.PUBLISHED: {S.RECRUITING, S.FILLED, S.CLOSED, S.CANCELLED},
    S.RECRUITING: {S.FILLED, S.CLOSED, S.CANCELLED},
    S.FILLED: {S.RECRUITING, S.CLOSED},
    S.CLOSED: set(),
    S.CANCELLED: set(),
}
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)


class RecruitmentError(ValidationError):
    """A refused operation; its message is written for the person who tried it."""


def _team_emails(team: Team):
    return [(m.user.email, m.user.preferred_language, m.user)
            for m in team.memberships.select_related("user")]


# Teams ---------------------------------------------------------------------------------

@transaction.atomic
def team_register(
    *,
    request: HttpRequest,
    email: str,
    password: str,
    display_name: str,
    legal_name: str = "",
    preferred_language: str = InterfaceLanguage.FRENCH,
    phone: str = "",
    role_title: str,
    team_name: str,
    team_kind: str,
    establishment: Establishment | None = None,
    new_establishment_name: str = "",
    new_establishment_kind: str = "",
) -> Team | None:
    """Open an account and its team, which waits for a coordinator's verification.

    An address already known creates nothing (account_open tells its owner by e-mail).
    """
    user = account_open(request=request, email=email, password=password,
                        display_name=display_name, legal_name=legal_name,
                        preferred_language=preferred_language, phone=phone)
    if user is None:
        return None
    name = new_establishment_name.strip()
    if establishment is None:
        # Looked for in both languages whatever the page's; a new name is kept as the
        # French one, the reference, until the coordination writes the English one.
        establishment = Establishment.objects.filter(
            Q(name_fr_ca__iexact=name) | Q(name_en__iexact=name)).first()
    if establishment is None:
        establishment = Establishment.objects.create(
            name_fr_ca=name, kind=new_establishment_kind, verified=False)
    team = Team.objects.create(name=team_name, kind=team_kind, establishment=establishment,
                               status=TeamStatus.PENDING)
    TeamMembership.objects.create(team=team, user=user, role_title=role_title)
    return team


@transaction.atomic
def team_verify(*, team: Team) -> Team:
    team = Team.objects.select_for_update().select_related("establishment").get(pk=team.pk)
    team.status = TeamStatus.VERIFIED
    team.status_reason = ""
    team.verified_at = timezone.now()
    team.save(update_fields=["status", "status_reason", "verified_at"])
    if not team.establishment.verified:
        team.establishment.verified = True
        team.establishment.save(update_fields=["verified"])
    return team


@transaction.atomic
def team_refuse(*, team: Team, reason: str) -> Team:
    if not reason.strip():
        raise RecruitmentError(_("Indiquez le motif du refus."))
    team = Team.objects.select_for_update().get(pk=team.pk)
    team.status = TeamStatus.REFUSED
    team.status_reason = reason.strip()
    team.save(update_fields=["status", "status_reason"])
    return team


@transaction.atomic
def team_invite(*, team: Team, email: str, role_title: str = "",
                invited_by: User) -> TeamInvitation:
    """E-mail a colleague a link to join the team."""
    email = email.strip().lower()
    if team.memberships.filter(user__email__iexact=email).exists():
        raise RecruitmentError(_("Cette personne fait déjà partie de l'équipe."))
    invitation = TeamInvitation.objects.create(
        team=team, email=email, role_title=role_title, token=secrets.token_urlsafe(32),
        invited_by=invited_by)
    notification_queue(
        kind=NotificationKind.TEAM_INVITATION, email=email,
        template="recrutement/courriels/invitation_equipe",
        context={"team": team, "invited_by": invited_by,
                 "link": settings.SITE_URL + reverse("equipe_invitation",
                                                     args=[invitation.token])},
        language=invited_by.preferred_language, about=invited_by,
        dedup_key=f"invitation-equipe-{invitation.pk}",
    )
    return invitation


def team_invitation_pending(token: str) -> TeamInvitation | None:
    """The invitation behind `token` if it can still be accepted."""
    return (TeamInvitation.objects.select_related("team")
            .filter(token=token, accepted_at=None,
                    created_at__gte=timezone.now() - INVITATION_VALIDITY).first())


@transaction.atomic
def team_invitation_accept(
    *,
    token: str,
    user: User | None = None,
    request: HttpRequest | None = None,
    password: str = "",
    display_name: str = "",
    preferred_language: str = InterfaceLanguage.FRENCH,
) -> TeamMembership | None:
    """Join the team: the logged-in `user`, or a new account for the invited address.

    Returns None when a new account was asked for an address already known: account_open
    sent its owner a note, and nothing else is created.
    """
    invitation = (TeamInvitation.objects.select_for_update()
                  .filter(pk=getattr(team_invitation_pending(token), "pk", None)).first())
    if invitation is None:
        raise RecruitmentError(_("Cette invitation n'est plus valide. Demandez-en une autre "
                                 "à votre équipe."))
    if user is None:
        user = account_open(request=request, email=invitation.email, password=password,
                            display_name=display_name, preferred_language=preferred_language)
        if user is None:
            return None
    membership, _created = TeamMembership.objects.get_or_create(
        team=invitation.team, user=user,
        defaults={"role_title": invitation.role_title or str(_("Membre de l'équipe"))})
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


# Projects ------------------------------------------------------------------------------

def _project_lists_set(project: Project, health_topics, regions, extra_courses) -> None:
    """Topics, regions and courses; the trainings its step requires are always kept."""
    project.health_topics.set(health_topics)
    project.regions.set(regions)
    required = Course.objects.required_by_default_for(project.continuum_step)
    project.required_courses.set(
        {c.pk for c in required} | {c.pk for c in extra_courses if c.requirable})


@transaction.atomic
def project_create(*, team: Team, created_by: User, data: dict,
                   health_topics=(), regions=(), extra_courses=()) -> Project:
    """A new draft that requires, at least, the trainings required for its step."""
    project = Project.objects.create(team=team, created_by=created_by,
                                     status=S.DRAFT, **data)
    _project_lists_set(project, health_topics, regions, extra_courses)
    return project


@transaction.atomic
def project_update(*, project: Project, data: dict, health_topics=(), regions=(),
                   extra_courses=()) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in EDITABLE_STATUSES:
        raise RecruitmentError(_("Seul un projet en brouillon ou retourné à l'équipe peut "
                                 "être modifié."))
    step = planned_step(project)
    if step is not None and "continuum_step" in data:
        data = {**data, "continuum_step": step}
    for field, value in data.items():
        setattr(project, field, value)
    project.save(update_fields=list(data))
    _project_lists_set(project, health_topics, regions, extra_courses)
    return project


@transaction.atomic
def project_transition(*, project: Project, to: str, comment: str = "") -> Project:
    """Move `project` to status `to`, or refuse with a message saying why."""
    project = Project.objects.select_for_update().select_related("team").get(pk=project.pk)
    if to not in PROJECT_TRANSITIONS[project.status]:
        raise RecruitmentError(
            _("Un projet « %(from)s » ne peut pas passer à « %(to)s ».")
            % {"from": project.get_status_display(), "to": S(to).label})
    if to == S.PUBLISHED and project.team.status != TeamStatus.VERIFIED:
        raise RecruitmentError(_("Vérifiez d'abord l'équipe « %(team)s » : on ne publie "
                                 "que les projets d'une équipe vérifiée.")
                               % {"team": project.team.name})
    fields = ["status"]
    project.status = to
    now = timezone.now()
    if to == S.PUBLISHED:
        project.published_at = now
        fields.append("published_at")
    if to in (S.CLOSED, S.CANCELLED):
        project.closed_at = now
        fields.append("closed_at")
        project.match_requests.filter(status=MatchRequestStatus.OPEN).update(
            status=MatchRequestStatus.CLOSED)
    if to == S.RETURNED:
        project.return_comment = comment
        fields.append("return_comment")
    project.save(update_fields=fields)
    return project


@transaction.atomic
def project_continuum_set(*, project: Project, step: int) -> Project:
    """The step the project offers, as its engagement plan says; the trainings that step
    requires are added to the project's, as when the team chose it."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.continuum_step != step:
        project.continuum_step = step
        project.save(update_fields=["continuum_step"])
        project.required_courses.add(*Course.objects.required_by_default_for(step))
    return project


def project_submit(*, project: Project) -> Project:
    return project_transition(project=project, to=S.SUBMITTED)


@transaction.atomic
def project_publish(*, project: Project) -> Project:
    project = project_transition(project=project, to=S.PUBLISHED)
    _project_notify(project, NotificationKind.PROJECT_PUBLISHED, "projet_publie")
    return project


@transaction.atomic
def project_return(*, project: Project, comment: str) -> Project:
    if not comment.strip():
        raise RecruitmentError(_("Écrivez un commentaire pour l'équipe : il dit quoi "
                                 "corriger avant de soumettre de nouveau."))
    project = project_transition(project=project, to=S.RETURNED, comment=comment.strip())
    _project_notify(project, NotificationKind.PROJECT_RETURNED, "projet_retourne")
    return project


def project_start_recruiting(*, project: Project) -> Project:
    return project_transition(project=project, to=S.RECRUITING)


@transaction.atomic
def project_mark_filled(*, project: Project) -> Project:
    project = project_transition(project=project, to=S.FILLED)
    project.match_requests.filter(status=MatchRequestStatus.OPEN).update(
        status=MatchRequestStatus.FILLED, filled_at=timezone.now())
    return project


def project_close(*, project: Project) -> Project:
    return project_transition(project=project, to=S.CLOSED)


def project_cancel(*, project: Project) -> Project:
    return project_transition(project=project, to=S.CANCELLED)


CONTRIBUTION_STATUSES = (S.FILLED, S.CLOSED)


def _project_notify(project: Project, kind: str, template: str) -> None:
    link = settings.SITE_URL + reverse("equipe_projet", args=[project.pk])
    for email, language, user in _team_emails(project.team):
        notification_queue(
            kind=kind, email=email, template=f"recrutement/courriels/{template}",
            context={"project": project, "link": link}, language=language, recipient=user)


@transaction.atomic
def project_duplicate(*, project: Project, created_by: User) -> Project:
    """A new draft with the same content; life-cycle dates and comments start afresh."""
    copy = Project.objects.get(pk=project.pk)
    copy.pk = None
    copy.title = str(_("Copie de %(title)s") % {"title": project.title})[:200]
    copy.status = S.DRAFT
    copy.return_comment = ""
    copy.created_by = created_by
    copy.created_at = timezone.now()
    copy.published_at = None
    copy.closed_at = None
    copy.contribution_outcome = ""
    copy.contribution_shared_at = None
    copy.save()
    copy.health_topics.set(project.health_topics.all())
    copy.regions.set(project.regions.all())
    copy.required_courses.set(project.required_courses.all())
    return copy


# Match requests ------------------------------------------------------------------------

@transaction.atomic
def match_request_create(*, project: Project, people_count: int, needed_by: date,
                         note: str = "", created_by: User) -> MatchRequest:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in OPEN_PROJECT_STATUSES:
        raise RecruitmentError(_("On demande des personnes seulement pour un projet publié."))
    if project.match_requests.filter(status=MatchRequestStatus.OPEN).exists():
        raise RecruitmentError(_("Ce projet a déjà une demande de jumelage ouverte : la "
                                 "coordination y travaille."))
    if needed_by < timezone.localdate():
        raise RecruitmentError(_("La date souhaitée est déjà passée."))
    try:
        with transaction.atomic():
            return MatchRequest.objects.create(
                project=project, people_count=people_count, needed_by=needed_by,
                note=note.strip(), created_by=created_by)
    except IntegrityError as exc:
        raise RecruitmentError(_("Ce projet a déjà une demande de jumelage ouverte : la "
                                 "coordination y travaille.")) from exc
