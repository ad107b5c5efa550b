from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryStatus(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    SUBMITTED = "soumis", _("Soumis, en relecture")
    CHANGES_REQUESTED = "a_modifier", _("Modification demandée")
    PUBLISHED = "publie", _("Publié")
    DECLINED = "refuse", _("Refusé")
    WITHDRAWN = "retire", _("Retiré")

    @classmethod
    def editable(cls) -> tuple:
        """What the author may still change and submit."""
        return cls.DRAFT, cls.CHANGES_REQUESTED
