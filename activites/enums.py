from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    GATHERING = "rassemblement", _("Rassemblement annuel")
    REGIONAL = "regionale", _("Rencontre régionale")
    ONLINE_EXCHANGE = "echange", _("Échange en ligne")
    PRACTICE = "pratique", _("Séance de la communauté de pratique")
