from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TEMPLATE = "modele", _("Modèle à remplir")
    LINK = "lien", _("Lien utile")


class FileType(models.TextChoices):
    """The formats accepted for an upload, known by their content (ressources.uploads)."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX (Word)"
    ODT = "odt", "ODT (OpenDocument)"
    XLSX = "xlsx", "XLSX (Excel)"
