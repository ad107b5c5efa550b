from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.models import Member
from communaute.roles import ScopedQuerySet
from jumelage.enums import EvaluationSide, PairingOrigin, PairingStatus
from recrutement.models import MatchRequest, Project

ENGAGED_STATUSES = (PairingStatus.ACCEPTED, PairingStatus.ACTIVE, PairingStatus.PAUSED)
# An invitation awaiting an answer holds a place as much as an engagement does.
OCCUPYING_STATUSES = (PairingStatus.APPROVED, *ENGAGED_STATUSES)
# The statuses in which the member said yes: the team knows who they are, and the
# engagement counts for recognition (hours, attestation, news of the project).
DISCLOSED_STATUSES = (*ENGAGED_STATUSES, PairingStatus.ENDED)
# Hours are declared once the work has begun; a pause leaves the hours given before it.
HOURS_STATUSES = (PairingStatus.ACTIVE, PairingStatus.PAUSED, PairingStatus.ENDED)
# Not yet finished: a coordinator may still cancel the pairing.
OPEN_PAIRING_STATUSES = (PairingStatus.PROPOSED, PairingStatus.APPROVED, *ENGAGED_STATUSES)


class PairingQuerySet(ScopedQuerySet):
    owner_paths = ("member__user", "project__team__memberships__user")

    def engaged(self):
        """Engagements the member accepted, begun or about to begin."""
        return self.filter(status__in=ENGAGED_STATUSES)

    def occupying(self):
        """Pairings that count against a member's maximum of simultaneous projects."""
        return self.filter(status__in=OCCUPYING_STATUSES)

    def invitations_of(self, user):
        """The invitations a member answers: their own, from the coordinators' approval on."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(member__user=user).exclude(status=PairingStatus.PROPOSED)

    def with_hours(self):
        """Annotate the confirmed and the still pending hours of each engagement."""
        return self.annotate(
            confirmed_hours=Sum("hours_declarations__hours",
                                filter=Q(hours_declarations__confirmed_at__isnull=False)),
            pending_hours=Sum("hours_declarations__hours",
                              filter=Q(hours_declarations__confirmed_at__isnull=True,
                                       hours_declarations__contested_at__isnull=True)))

    def of_team_member(self, user):
        """The engagements a team member follows: their teams' projects, once disclosed."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(project__team__memberships__user=user,
                           status__in=DISCLOSED_STATUSES)


class Pairing(models.Model):
    """A member put forward for a project, from proposal to the end of the engagement."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pairings",
                                verbose_name=_("projet"))
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="pairings",
                               verbose_name=_("membre"))
    match_request = models.ForeignKey(MatchRequest, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="pairings",
                                      verbose_name=_("demande de jumelage"))
    status = models.CharField(_("statut"), max_length=10, choices=PairingStatus,
                              default=PairingStatus.PROPOSED, db_index=True)
    origin = models.CharField(_("origine"), max_length=12, choices=PairingOrigin,
                              default=PairingOrigin.ENGINE)
    interest_message = models.TextField(_("message du membre"), blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    points = models.PositiveIntegerField(_("points"), null=True, blank=True)
    points_max = models.PositiveIntegerField(_("points possibles"), null=True, blank=True)
    engine_version = models.CharField(_("version du moteur"), max_length=20, blank=True)
    inputs = models.JSONField(_("données utilisées"), default=dict, blank=True)
    factors = models.JSONField(_("facteurs"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("proposé le"), default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("approuvé par"))
    approved_at = models.DateTimeField(_("approuvé le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    decline_reason = models.TextField(_("raison du refus"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("début"), null=True, blank=True)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)
    hours_given = models.DecimalField(_("heures données"), max_digits=6, decimal_places=1,
                                      null=True, blank=True)
    feedback = models.TextField(_("rétroaction"), blank=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("jumelage")
        verbose_name_plural = _("jumelages")
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "member"], name="one_pairing_per_project"),
        ]

    def __str__(self):
        return f"{self.member} — {self.project}"


def places_recount(members) -> int:
    """Set `Member.places_held` of the members in the queryset `members` from their
    pairings; returns how many members were written."""
    held = (Pairing.objects.occupying().filter(member_id=OuterRef("pk")).order_by()
            .values("member_id").annotate(n=Count("pk")).values("n"))
    return members.update(places_held=Coalesce(Subquery(held), 0))


class MatchingConfig(models.Model):
    """The weights of the matching engine and its timings: one row, edited in the admin.

    People read points over the maximum ("62 points sur 90, soit 69 %"), whatever the
    weights; the defaults add up to 100. Two choices hold the defaults together (see
    jumelage/scoring.py for the formula):

    - the engagement level a member wishes is their limit, and no domain outweighs it:
      a project one step beyond costs more points (continuum minus the step beyond:
      30 - 5) than both domains bring (15 + 5). `clean` keeps it so when weights change;
    - « Ça m'intéresse » (10) weighs less than fair rotation (15): it raises a member
      without erasing a heavy recent solicitation.
    """

    weight_main_domain = models.PositiveSmallIntegerField(
        _("domaine principal du projet"), default=15,
        help_text=_("Points si le domaine principal du projet est parmi ceux du membre."))
    weight_other_domains = models.PositiveSmallIntegerField(
        _("autres domaines du projet"), default=5,
        help_text=_("Points si un autre domaine du projet est parmi ceux du membre."))
    weight_continuum = models.PositiveSmallIntegerField(
        _("étape du continuum"), default=30,
        help_text=_("Points si l'étape offerte est dans ce que le membre souhaite. Deux pas "
                    "ou plus au-delà, la personne n'est pas proposée."))
    weight_continuum_stretch = models.PositiveSmallIntegerField(
        _("étape du continuum, un pas de plus"), default=5,
        help_text=_("Points si l'étape offerte va un pas plus loin que ce que le membre "
                    "souhaite. L'écart avec l'étape du continuum doit dépasser les points "
                    "des domaines réunis : la limite de la personne passe avant le domaine."))
    weight_topic = models.PositiveSmallIntegerField(
        _("par sujet de santé en commun"), default=5)
    weight_topics_max = models.PositiveSmallIntegerField(
        _("sujets de santé, au plus"), default=15)
    weight_hours = models.PositiveSmallIntegerField(
        _("heures disponibles"), default=10,
        help_text=_("Points si le membre offre au moins les heures par mois demandées."))
    weight_rotation = models.PositiveSmallIntegerField(
        _("rotation équitable"), default=15,
        help_text=_("Points pleins pour qui n'a pas été sollicité(e) depuis 12 mois. Une "
                    "invitation ou un engagement en enlève, d'autant plus qu'il est récent; "
                    "trois sollicitations récentes les enlèvent tous."))
    weight_interest = models.PositiveSmallIntegerField(
        _("« Ça m'intéresse »"), default=10,
        help_text=_("Points si le membre a manifesté son intérêt pour ce projet. Moins que la "
                    "rotation équitable, pour ne pas effacer une sollicitation récente."))
    balanced_shortlist = models.BooleanField(
        _("liste équilibrée"), default=False,
        help_text=_("Alterne les types de personnes dans la liste des candidat(e)s."))
    shortlist_size = models.PositiveSmallIntegerField(_("candidat(e)s affiché(e)s"), default=50)
    hours_ceiling_per_month = models.PositiveSmallIntegerField(
        _("plafond d'heures par mois"), default=60,
        help_text=_("Au-delà de ce total dans un mois, ou de trois fois les heures par mois du "
                    "projet, le membre doit confirmer ses heures et l'équipe voit qu'elles "
                    "sortent de l'ordinaire."))
    reminder_after_days = models.PositiveSmallIntegerField(
        _("rappel après (jours)"), default=5,
        help_text=_("Un rappel part si le membre n'a pas répondu à l'invitation après ce délai."))
    requests_digested_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("réglages du jumelage")
        verbose_name_plural = _("réglages du jumelage")

    def __str__(self):
        return str(_("Réglages du jumelage"))

    def clean(self):
        lost = (self.weight_continuum or 0) - (self.weight_continuum_stretch or 0)
        domains = (self.weight_main_domain or 0) + (self.weight_other_domains or 0)
        if lost <= domains:
            raise ValidationError(
                _("Un projet qui va un pas plus loin que ce que souhaite la personne doit lui "
                  "faire perdre plus de points (étape du continuum moins « un pas de plus » : "
                  "%(lost)s) que n'en rapportent les domaines réunis (%(domains)s), pour que "
                  "sa limite passe avant le domaine.") % {"lost": lost, "domains": domains},
                code="level_outweighed")

    @classmethod
    def load(cls) -> "MatchingConfig":
        return cls.objects.get_or_create(pk=1)[0]


class Observation(models.Model):
    """A member's observation about why they were proposed (Law 25: automated decisions)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="observations",
                                verbose_name=_("jumelage"))
    message = models.TextField(_("observation"))
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)

    class Meta:
        verbose_name = _("observation sur un jumelage")
        verbose_name_plural = _("observations sur les jumelages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.pairing} — {self.created_at:%Y-%m-%d}"


class MatchRequestToPair(MatchRequest):
    """The teams' match requests as the coordinators work them, from the jumelage admin."""

    class Meta:
        proxy = True
        verbose_name = _("demande à jumeler")
        verbose_name_plural = _("demandes à jumeler")


class HoursDeclarationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        """Waiting for the team: neither confirmed nor contested."""
        return self.filter(confirmed_at__isnull=True, contested_at__isnull=True)


class HoursDeclaration(models.Model):
    """Hours a member gave to an engagement, declared by them and confirmed by the team.

    A member declares as often as they like (after each meeting, or once a month); only
    confirmed hours count on the attestation and in the indicators. A team that does not
    recognise hours contests them with a reason, which the member reads.
    """

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE,
                                related_name="hours_declarations", verbose_name=_("jumelage"))
    hours = models.DecimalField(_("heures"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))])
    worked_on = models.DateField(_("date (ou fin de la période)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    unusual = models.BooleanField(
        _("hors de l'ordinaire"), default=False,
        help_text=_("Le membre a confirmé un total du mois bien au-delà des heures prévues."))
    declared_at = models.DateTimeField(_("déclarées le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmées le"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("confirmées par"))
    contested_at = models.DateTimeField(_("contestées le"), null=True, blank=True)
    contest_reason = models.CharField(_("raison de la contestation"), max_length=300,
                                      blank=True)

    objects = HoursDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("déclaration d'heures")
        verbose_name_plural = _("déclarations d'heures")
        ordering = ["-worked_on", "-pk"]

    def __str__(self):
        return f"{self.pairing} — {self.hours} h"


class CompensationPayment(models.Model):
    """Money paid to a member for an engagement, recorded by a coordinator."""

    pairing = models.ForeignKey(Pairing, on_delete=models.PROTECT,
                                related_name="compensation_payments",
                                verbose_name=_("jumelage"))
    amount = models.DecimalField(_("montant ($)"), max_digits=8, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    paid_on = models.DateField(_("payé le"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("inscrit par"))
    recorded_at = models.DateTimeField(_("inscrit le"), default=timezone.now)

    class Meta:
        verbose_name = _("rémunération versée")
        verbose_name_plural = _("rémunérations versées")
        ordering = ["-paid_on", "-pk"]

    def __str__(self):
        return f"{self.pairing} — {self.amount} $"


class Evaluation(models.Model):
    """One side's answers to the questionnaire sent when an engagement ends.

    Each side reaches only its own row; the other side's answers are shown to no one
    but as aggregates on the coordinators' dashboard. The team's answers are about the
    member, who receives them with their personal data (Law 25's right of access).
    """

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="evaluations",
                                verbose_name=_("jumelage"))
    side = models.CharField(_("répondant"), max_length=6, choices=EvaluationSide)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    what_worked = models.TextField(_("ce qui a bien fonctionné"), blank=True)
    effect = models.TextField(_("effet perçu"), blank=True)
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    submitted_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("répondu par"))

    class Meta:
        verbose_name = _("évaluation d'un jumelage")
        verbose_name_plural = _("évaluations des jumelages")
        constraints = [
            models.UniqueConstraint(fields=["pairing", "side"], name="one_evaluation_per_side"),
        ]

    def __str__(self):
        return f"{self.pairing} — {self.get_side_display()}"
