from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import (
    ContinuumStep,
    Domain,
    InterfaceLanguage,
    Language,
    MemberKind,
    Modality,
    OrgLevel,
)
from communaute.models import HealthTopic, Region
from communaute.roles import ScopedQuerySet, is_coordinator
from formation.models import Course
from recrutement.enums import (
    Compensation,
    EstablishmentKind,
    MatchRequestStatus,
    ProjectStatus,
    TeamKind,
    TeamStatus,
)
from ruisss.fields import FlagsField

OPEN_PROJECT_STATUSES = (ProjectStatus.PUBLISHED, ProjectStatus.RECRUITING)


class Establishment(models.Model):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=EstablishmentKind)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True,
                               verbose_name=_("région"))
    active = models.BooleanField(_("actif"), default=True)
    verified = models.BooleanField(
        _("vérifié"), default=True,
        help_text=_("Un établissement nommé par une équipe à son inscription attend la "
                    "vérification de la coordination avant d'être offert aux autres."))

    class Meta:
        verbose_name = _("établissement")
        verbose_name_plural = _("établissements")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TeamQuerySet(ScopedQuerySet):
    owner_paths = ("memberships__user",)


class Team(models.Model):
    name = models.CharField(_("nom de l'équipe"), max_length=200)
    kind = models.CharField(_("type d'équipe"), max_length=20, choices=TeamKind)
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT,
                                      related_name="teams", verbose_name=_("établissement"))
    status = models.CharField(_("statut"), max_length=20, choices=TeamStatus,
                              default=TeamStatus.PENDING, db_index=True)
    status_reason = models.TextField(_("motif"), blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    verified_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("équipe")
        verbose_name_plural = _("équipes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("équipe"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="team_memberships", verbose_name=_("personne"))
    role_title = models.CharField(_("rôle dans l'équipe"), max_length=150)
    joined_at = models.DateTimeField(_("depuis"), default=timezone.now)

    class Meta:
        verbose_name = _("membre d'équipe")
        verbose_name_plural = _("membres d'équipe")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team"),
        ]

    def __str__(self):
        return f"{self.user} — {self.team}"


class TeamInvitation(models.Model):
    """A colleague invited by e-mail to join a team; the token in the link is the key."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations",
                             verbose_name=_("équipe"))
    email = models.EmailField(_("courriel"))
    role_title = models.CharField(_("rôle dans l'équipe"), max_length=150, blank=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("invité(e) par"))
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("acceptée par"))

    class Meta:
        verbose_name = _("invitation dans une équipe")
        verbose_name_plural = _("invitations dans une équipe")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.team}"


class ProjectQuerySet(ScopedQuerySet):
    # visible_to: the projects whose full record the user may manage, their team's.
    owner_paths = ("team__memberships__user",)

    def open(self):
        """Opportunities shown on /projets/."""
        return self.filter(status__in=OPEN_PROJECT_STATUSES)

    def reachable_by(self, user):
        """Projects whose page the user may open: the open ones, and their team's own."""
        if is_coordinator(user):
            return self
        if not user.is_authenticated:
            return self.open()
        own_teams = TeamMembership.objects.filter(user=user).values("team_id")
        return self.filter(Q(status__in=OPEN_PROJECT_STATUSES) | Q(team_id__in=own_teams))



class Project(models.Model):
    """An engagement opportunity ("occasion d'engagement") posted by a team."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="projects",
                             verbose_name=_("équipe"))
    title = models.CharField(_("titre"), max_length=200)
    summary = models.CharField(_("résumé public"), max_length=400)
    description = models.TextField(_("description"))
    written_in = models.CharField(
        _("langue de rédaction"), max_length=5, choices=InterfaceLanguage,
        default=InterfaceLanguage.FRENCH,
        help_text=_("La langue du titre, du résumé et de la description : la page du projet "
                    "l'indique, et la lecture vocale prononce le texte dans cette langue."))
    main_domain = models.CharField(_("domaine principal"), max_length=30, choices=Domain)
    other_domains = FlagsField(_("autres domaines"), flags=Domain, blank=True)
    continuum_step = models.PositiveSmallIntegerField(_("étape du continuum offerte"),
                                                      choices=ContinuumStep)
    org_level = models.CharField(_("niveau de l'organisation"), max_length=6,
                                 choices=OrgLevel)
    kinds_sought = FlagsField(_("personnes recherchées"), flags=MemberKind)
    health_topics = models.ManyToManyField(HealthTopic, blank=True, related_name="projects",
                                           verbose_name=_("sujets de santé"))
    people_sought = models.PositiveSmallIntegerField(_("nombre de personnes recherchées"),
                                                     default=1)
    regions = models.ManyToManyField(Region, blank=True, related_name="projects",
                                     verbose_name=_("régions"))
    modality = models.CharField(_("modalité"), max_length=12, choices=Modality)
    languages = FlagsField(_("langues"), flags=Language)
    hours_per_month = models.PositiveSmallIntegerField(_("heures par mois"), default=4)
    duration = models.CharField(_("durée"), max_length=120, blank=True)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    meeting_rhythm = models.CharField(_("rythme des rencontres"), max_length=200, blank=True)
    compensation = models.CharField(_("rémunération"), max_length=10, choices=Compensation,
                                    default=Compensation.NONE)
    compensation_detail = models.CharField(_("précisions sur la rémunération"),
                                           max_length=200, blank=True)
    required_courses = models.ManyToManyField(Course, blank=True, related_name="projects",
                                              verbose_name=_("formations exigées"))
    resources = models.ManyToManyField("ressources.Resource", blank=True,
                                       related_name="projects",
                                       verbose_name=_("ressources utiles"))
    accommodations = models.TextField(_("accommodements offerts"), blank=True)
    contact_name = models.CharField(_("personne-ressource"), max_length=150)
    contact_email = models.EmailField(_("courriel de la personne-ressource"))
    interest_deadline = models.DateField(_("date limite pour manifester son intérêt"),
                                         null=True, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=ProjectStatus,
                              default=ProjectStatus.DRAFT, db_index=True)
    return_comment = models.TextField(_("commentaire de la coordination"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("créé par"))
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("fermé le"), null=True, blank=True)
    contribution_outcome = models.TextField(
        _("ce que la contribution des partenaires a changé"), blank=True)
    contribution_shared_at = models.DateTimeField(_("retombées partagées le"), null=True,
                                                  blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def kinds_sought_labels(self):
        return self._meta.get_field("kinds_sought").labels(self)

    def other_domain_labels(self):
        return self._meta.get_field("other_domains").labels(self)

    def language_labels(self):
        return self._meta.get_field("languages").labels(self)


class MatchRequestQuerySet(ScopedQuerySet):
    owner_paths = ("project__team__memberships__user",)
    def open(self):
        return self.filter(status=MatchRequestStatus.OPEN)

    def overdue(self, today=None):
        return self.open().filter(needed_by__lt=today or timezone.localdate())



class MatchRequest(models.Model):
    """A team asking the coordinators for people for one of its published projects."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE,
                                related_name="match_requests", verbose_name=_("projet"))
    people_count = models.PositiveSmallIntegerField(_("nombre de personnes"))
    needed_by = models.DateField(_("souhaité pour le"))
    note = models.TextField(_("note pour la coordination"), blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=MatchRequestStatus,
                              default=MatchRequestStatus.OPEN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("demandée par"))
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    first_proposal_at = models.DateTimeField(_("première proposition"), null=True, blank=True)
    filled_at = models.DateTimeField(_("comblée le"), null=True, blank=True)

    objects = MatchRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de jumelage")
        verbose_name_plural = _("demandes de jumelage")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["project"], condition=Q(status="ouverte"),
                                    name="one_open_request_per_project"),
        ]

    def __str__(self):
        return f"{self.project} ({self.people_count})"

    @property
    def is_overdue(self):
        return self.status == MatchRequestStatus.OPEN and self.needed_by < timezone.localdate()
