from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.models import Member
from mentorat.enums import Feeling, MentoringRequestStatus, MentoringStatus, Side

# Proposals awaiting answers hold a mentor's place as much as mentorings under way.
OCCUPYING_STATUSES = (MentoringStatus.PROPOSED, MentoringStatus.APPROVED,
                      MentoringStatus.ACCEPTED)


class MentorOffer(models.Model):
    """A member with experience offers to mentor newcomers, up to `capacity` at once."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE,
                                  related_name="mentor_offer", verbose_name=_("membre"))
    capacity = models.PositiveSmallIntegerField(
        _("personnes à la fois, au plus"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.TextField(_("ce que vous aimeriez partager"), blank=True)
    active = models.BooleanField(_("offre active"), default=True)
    created_at = models.DateTimeField(_("offerte le"), default=timezone.now)

    class Meta:
        verbose_name = _("offre de mentorat")
        verbose_name_plural = _("offres de mentorat")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.member)


class MentoringRequest(models.Model):
    """A newcomer asks for a peer mentor, when joining or later from their space."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE,
                               related_name="mentoring_requests", verbose_name=_("membre"))
    note = models.TextField(_("ce que vous attendez d'une personne mentor"), blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=MentoringRequestStatus,
                              default=MentoringRequestStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)

    class Meta:
        verbose_name = _("demande de mentorat")
        verbose_name_plural = _("demandes de mentorat")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=Q(status="ouverte"),
                                    name="one_open_mentoring_request"),
        ]

    def __str__(self):
        return f"{self.member} ({self.created_at:%Y-%m-%d})"


class MentoringQuerySet(models.QuerySet):
    def of_member(self, member):
        return self.filter(Q(mentor=member) | Q(newcomer=member))


class Mentoring(models.Model):
    """A mentor and a newcomer, from the coordinators' proposal to the end.

    proposé → approuvé (both invited) → accepté (once both said yes) | décliné (either
    said no) → terminé; annulé by the coordinators before the end. Each side sees the
    other's name and contact only once both have accepted.
    """

    request = models.ForeignKey(MentoringRequest, on_delete=models.CASCADE,
                                related_name="mentorings", verbose_name=_("demande"))
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE,
                               related_name="mentorings_given",
                               verbose_name=_("personne mentor"))
    newcomer = models.ForeignKey(Member, on_delete=models.CASCADE,
                                 related_name="mentorings_received",
                                 verbose_name=_("personne nouvelle"))
    status = models.CharField(_("statut"), max_length=10, choices=MentoringStatus,
                              default=MentoringStatus.PROPOSED, db_index=True)
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    points_max = models.PositiveSmallIntegerField(_("points possibles"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    factors = models.JSONField(_("facteurs"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("proposé le"), default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("approuvé par"))
    approved_at = models.DateTimeField(_("approuvé le"), null=True, blank=True)
    mentor_accepted_at = models.DateTimeField(_("accepté par la personne mentor le"),
                                              null=True, blank=True)
    newcomer_accepted_at = models.DateTimeField(_("accepté par la personne nouvelle le"),
                                                null=True, blank=True)
    accepted_at = models.DateTimeField(_("confirmé le"), null=True, blank=True, db_index=True)
    declined_at = models.DateTimeField(_("décliné le"), null=True, blank=True)
    declined_by = models.CharField(_("décliné par"), max_length=10, choices=Side, blank=True)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)

    objects = MentoringQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentorat")
        verbose_name_plural = _("mentorats")
        # A mentor is proposed once per request: mentoring_propose checks it (rule
        # ALREADY) with the request's row locked.
        ordering = ["-proposed_at"]

    def __str__(self):
        return f"{self.mentor} → {self.newcomer}"

    def side_of(self, member) -> str | None:
        if member is None:
            return None
        if member.pk == self.mentor_id:
            return Side.MENTOR
        return Side.NEWCOMER if member.pk == self.newcomer_id else None

    def accepted_by(self, side: str) -> bool:
        return bool(self.mentor_accepted_at if side == Side.MENTOR
                    else self.newcomer_accepted_at)

    @property
    def contacts_visible(self) -> bool:
        return self.status in (MentoringStatus.ACCEPTED, MentoringStatus.ENDED)


class MentoringHours(models.Model):
    """Hours a mentor gave to a mentoring: they count as a contribution on the attestation."""

    mentoring = models.ForeignKey(Mentoring, on_delete=models.CASCADE, related_name="hours",
                                  verbose_name=_("mentorat"))
    hours = models.DecimalField(_("heures"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))])
    worked_on = models.DateField(_("date (ou fin de la période)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("déclarées le"), default=timezone.now)

    class Meta:
        verbose_name = _("heures de mentorat")
        verbose_name_plural = _("heures de mentorat")
        ordering = ["-worked_on", "-pk"]

    def __str__(self):
        return f"{self.mentoring} — {self.hours} h"


class CheckIn(models.Model):
    """How it goes, asked of each side one and three months after both accepted."""

    mentoring = models.ForeignKey(Mentoring, on_delete=models.CASCADE,
                                  related_name="check_ins", verbose_name=_("mentorat"))
    side = models.CharField(_("répondant"), max_length=10, choices=Side)
    month = models.PositiveSmallIntegerField(_("après (mois)"))
    sent_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    feeling = models.CharField(_("comment ça va"), max_length=10, choices=Feeling, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("bilan de mentorat")
        verbose_name_plural = _("bilans de mentorat")
        ordering = ["mentoring", "month", "side"]
        constraints = [
            models.UniqueConstraint(fields=["mentoring", "side", "month"],
                                    name="one_check_in_per_side_and_month"),
        ]

    def __str__(self):
        return f"{self.mentoring} — {self.month} mois — {self.get_side_display()}"
