from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accompagnement.enums import SupportKind, SupportStatus
from communaute.enums import ContinuumStep
from communaute.models import Member
from communaute.roles import ScopedQuerySet, is_coordinator
from jumelage.models import ENGAGED_STATUSES
from recrutement.models import Project, Team

OPEN_SUPPORT_STATUSES = (SupportStatus.RECEIVED, SupportStatus.IN_PROGRESS)


class SupportRequestQuerySet(ScopedQuerySet):
    owner_paths = ("team__memberships__user",)

    def open(self):
        return self.filter(status__in=OPEN_SUPPORT_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class SupportRequest(models.Model):
    """A team asking the coordinators for support ("soutien-conseil")."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="support_requests",
                             verbose_name=_("équipe"))
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="support_requests", verbose_name=_("projet"))
    kind = models.CharField(_("type de soutien"), max_length=25, choices=SupportKind)
    needs = models.TextField(_("ce dont l'équipe a besoin"))
    due_on = models.DateField(_("souhaité pour le"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=SupportStatus,
                              default=SupportStatus.RECEIVED, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("demandée par"))
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("coordination responsable"))
    assigned_at = models.DateTimeField(_("prise en charge le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("fermée le"), null=True, blank=True)
    outcome = models.TextField(_("résultat, pour l'équipe"), blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de soutien")
        verbose_name_plural = _("demandes de soutien")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.team} — {self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_overdue(self):
        return (self.status in OPEN_SUPPORT_STATUSES and self.due_on is not None
                and self.due_on < timezone.localdate())


class SupportMessage(models.Model):
    """A message in the exchange between the team and the coordinators on a request."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE,
                                related_name="messages", verbose_name=_("demande"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                               null=True, related_name="+", verbose_name=_("auteur(e)"))
    from_team = models.BooleanField(_("de l'équipe"))
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("message sur une demande de soutien")
        verbose_name_plural = _("messages sur les demandes de soutien")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id} — {self.created_at:%Y-%m-%d %H:%M}"


class SupportMeeting(models.Model):
    """A meeting or a piece of work a coordinator gave to a request, and its time."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE,
                                related_name="meetings", verbose_name=_("demande"))
    held_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("temps consacré (minutes)"),
                                          validators=[MinValueValidator(1),
                                                      MaxValueValidator(24 * 60)])
    note = models.TextField(_("note"), blank=True)
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("par"))

    class Meta:
        verbose_name = _("rencontre")
        verbose_name_plural = _("rencontres et temps consacré")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.held_on} — {self.minutes} min"


class Phase(models.Model):
    """A phase of a project in the engagement plan; coordinators edit the list."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    name_en = models.CharField(_("nom en anglais"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("phase d'un projet")
        verbose_name_plural = _("phases des projets (plan d'engagement)")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class EngagementPlanQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Plans the user may read: their teams', the projects they are engaged in."""
        if is_coordinator(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(project__team__memberships__user=user)
            | Q(project__pairings__member__user=user,
                project__pairings__status__in=ENGAGED_STATUSES)).distinct()


class EngagementPlan(models.Model):
    """The engagement matrix of a project: its versions, newest last."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE,
                                   related_name="engagement_plan", verbose_name=_("projet"))
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    objects = EngagementPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan d'engagement")
        verbose_name_plural = _("plans d'engagement")

    def __str__(self):
        return str(self.project)


class PlanVersion(models.Model):
    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE,
                             related_name="versions", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("enregistrée le"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+",
                                   verbose_name=_("enregistrée par"))
    change_note = models.CharField(_("ce qui a changé"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("version d'un plan d'engagement")
        verbose_name_plural = _("versions des plans d'engagement")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_number_per_version"),
        ]

    def __str__(self):
        return f"{self.plan} — v{self.number}"

    @property
    def highest_step(self):
        return max((line.continuum_step for line in self.lines.all()), default=None)


class PlanLine(models.Model):
    """One phase of a version: how far partners go, their role, the time expected."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="lines",
                                verbose_name=_("version"))
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("phase"))
    continuum_step = models.PositiveSmallIntegerField(_("étape du continuum"),
                                                      choices=ContinuumStep)
    partners_role = models.TextField(_("rôle des partenaires"))
    expected_hours = models.DecimalField(_("temps prévu (heures)"), max_digits=5,
                                         decimal_places=1, default=Decimal(0),
                                         validators=[MinValueValidator(Decimal(0))])

    class Meta:
        verbose_name = _("ligne d'un plan d'engagement")
        verbose_name_plural = _("lignes des plans d'engagement")
        ordering = ["version", "phase__position", "phase_id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "phase"], name="one_line_per_phase"),
        ]

    def __str__(self):
        return f"{self.version} — {self.phase}"


class PlanComment(models.Model):
    """A partner's (or the team's) comment on a version of the plan."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE,
                                related_name="comments", verbose_name=_("version"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="plan_comments", verbose_name=_("auteur(e)"))
    body = models.TextField(_("commentaire"))
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)

    class Meta:
        verbose_name = _("commentaire sur un plan d'engagement")
        verbose_name_plural = _("commentaires sur les plans d'engagement")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.version} — {self.created_at:%Y-%m-%d}"


class PlanAgreement(models.Model):
    """A partner says they agree with a version of the plan."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE,
                                related_name="agreements", verbose_name=_("version"))
    member = models.ForeignKey(Member, on_delete=models.CASCADE,
                               related_name="plan_agreements", verbose_name=_("partenaire"))
    agreed_at = models.DateTimeField(_("d'accord le"), default=timezone.now)

    class Meta:
        verbose_name = _("accord sur un plan d'engagement")
        verbose_name_plural = _("accords sur les plans d'engagement")
        constraints = [
            models.UniqueConstraint(fields=["version", "member"],
                                    name="one_agreement_per_version"),
        ]

    def __str__(self):
        return f"{self.version} — {self.member}"
