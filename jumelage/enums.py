from django.db import models
from django.utils.translation import gettext_lazy as _


class PairingStatus(models.TextChoices):
    PROPOSED = "propose", _("Proposé")
    APPROVED = "approuve", _("Approuvé, membre invité(e)")
    ACCEPTED = "accepte", _("Accepté")
    DECLINED = "decline", _("Décliné")
    ACTIVE = "actif", _("Actif")
    PAUSED = "pause", _("En pause")
    ENDED = "termine", _("Terminé")
    CANCELLED = "annule", _("Annulé")


class PairingOrigin(models.TextChoices):
    ENGINE = "moteur", _("Proposé par le moteur de jumelage")
    INTEREST = "interet", _("« Ça m'intéresse » du membre")
    COORDINATOR = "coordination", _("Ajouté par la coordination")


class EvaluationSide(models.TextChoices):
    MEMBER = "membre", _("Membre")
    TEAM = "equipe", _("Équipe")
