from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import InterfaceLanguage
from communaute.models import Member
from jumelage.enums import NotificationKind, PairingOrigin, PairingStatus
from recrutement.models import MatchRequest, Project

ENGAGED_STATUSES = (PairingStatus.ACCEPTED, PairingStatus.ACTIVE)


class PairingQuerySet(models.QuerySet):
    def engaged(self):
        """Pairings that count against a member's maximum of simultaneous projects."""
        return self.filter(status__in=ENGAGED_STATUSES)

    def visible_to(self, user):
        from ruisss.roles import is_coordinator

        if is_coordinator(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(member__user=user) | Q(project__team__memberships__user=user))


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
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
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


class Notification(models.Model):
    """An e-mail to send, written in the same transaction as the change it announces.

    It is rendered in the recipient's language when queued, so sending needs nothing
    but the row. A task sends it after commit, a periodic sweep sends any row still
    unsent, and a conditional update claims it, so that it is never sent twice.
    """

    kind = models.CharField(_("type"), max_length=30, choices=NotificationKind)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="notifications",
                                  verbose_name=_("destinataire"))
    email = models.EmailField(_("courriel"))
    language = models.CharField(_("langue"), max_length=5, choices=InterfaceLanguage,
                                default=InterfaceLanguage.FRENCH)
    subject = models.CharField(_("objet"), max_length=250)
    body_text = models.TextField(_("texte"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(default=list, blank=True, editable=False)
    dedup_key = models.CharField(max_length=150, unique=True, null=True, blank=True,
                                 editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, db_index=True)
    sending_since = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {self.email}"
