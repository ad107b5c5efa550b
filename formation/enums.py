from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseFormat(models.TextChoices):
    ASYNCHRONOUS = "asynchrone", _("En ligne, à son rythme")
    LIVE_ONLINE = "en_ligne", _("En ligne, en direct")
    IN_PERSON = "presentiel", _("En personne")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "inscrit", _("Inscrit(e)")
    WAITING = "attente", _("Liste d'attente")
    CANCELLED = "annule", _("Annulé")
    ATTENDED = "present", _("Présent(e)")
    ABSENT = "absent", _("Absent(e)")


class CompletionStatus(models.TextChoices):
    DECLARED = "declaree", _("Déclarée, à confirmer")
    CONFIRMED = "confirmee", _("Confirmée")
