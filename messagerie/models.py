from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from messagerie.enums import NotificationKind


class Notification(models.Model):
    """An e-mail to send, written in the same transaction as the change it announces.

    It is rendered in the recipient's language when queued, so sending needs nothing
    but the row. A task sends it after commit and a periodic sweep, every minute, sends
    any row still unsent. Delivery is at least once and de-duplicated:

    - A conditional update claims the row, so two workers never send it at once. A
      send is stopped before its claim goes stale (messagerie.sending), so a claim left
      by a worker that died is taken over after about a minute, never while its worker
      may still be talking to the mail server.
    - A worker that dies after the mail server took the message but before recording
      it leaves the row to be sent again.
    - A `dedup_key` queues one e-mail per key, ever.
    - A failed attempt is retried later, waiting longer each time; after the last
      attempt the row is marked failed, the coordinators are alerted once per batch of
      failures, and a coordinator may queue it again from the admin.

    `about` names the person an e-mail sent to someone else speaks of (a member's
    observation sent to the coordinators, a member's answer sent to a team), so that
    erasing that person's account finds it.
    """

    kind = models.CharField(_("type"), max_length=30, choices=NotificationKind)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="notifications",
                                  verbose_name=_("destinataire"))
    about = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              null=True, blank=True, related_name="notifications_about",
                              verbose_name=_("à propos de"))
    email = models.EmailField(_("courriel"))
    language = models.CharField(_("langue"), max_length=5, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
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
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), null=True, blank=True)
    failed_at = models.DateTimeField(_("en échec depuis le"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            # The sweep's question, every minute: what is still to send?
            models.Index(fields=["next_attempt_at"], name="notification_to_send",
                         condition=Q(sent_at=None, failed_at=None)),
        ]

    def __str__(self):
        return f"{self.subject} → {self.email}"
