from django.db import models
from django.utils.translation import gettext_lazy as _


class MentoringRequestStatus(models.TextChoices):
    OPEN = "ouverte", _("Ouverte")
    PAIRED = "jumelee", _("Jumelée")
    WITHDRAWN = "retiree", _("Retirée")


class MentoringStatus(models.TextChoices):
    PROPOSED = "propose", _("Proposé")
    APPROVED = "approuve", _("Approuvé, en attente des deux réponses")
    ACCEPTED = "accepte", _("Accepté par les deux")
    DECLINED = "decline", _("Décliné")
    ENDED = "termine", _("Terminé")
    CANCELLED = "annule", _("Annulé")


class Side(models.TextChoices):
    MENTOR = "mentor", _("Personne mentor")
    NEWCOMER = "nouveau", _("Personne nouvelle")


class Feeling(models.TextChoices):
    GOOD = "bien", _("Ça va bien")
    MIXED = "mitige", _("Ça va, avec des difficultés")
    HARD = "difficile", _("Ça ne va pas : j'aimerais en parler à la coordination")
