from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    TEAM_TRAINING = "formation_equipe", _("Formation pour l'équipe")
    CASE_DISCUSSION = "discussion_cas", _("Discussion de cas")
    METHOD = "methodologie", _("Soutien méthodologique (groupe de discussion, sondage)")
    RECRUITMENT = "recrutement_integration", _("Recrutement et intégration de partenaires")
    OTHER = "autre", _("Autre")


class SupportStatus(models.TextChoices):
    RECEIVED = "recue", _("Reçue")
    IN_PROGRESS = "en_cours", _("En cours")
    CLOSED = "fermee", _("Fermée")
