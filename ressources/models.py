from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from communaute.enums import Audience, ContinuumStep, Domain
from ressources.enums import ResourceKind
from ressources.uploads import CONTENT_TYPES, extension_type, validate_upload
from ruisss.fields import FlagsField


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Published resources `user` may open: the public ones, and all of them once
        signed in."""
        resources = self.published()
        return resources if user.is_authenticated else resources.filter(public=True)


class Resource(models.Model):
    """A guide, a template to fill or a useful link of the community's toolbox."""

    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200)
    summary = models.TextField(_("résumé"), max_length=800)
    summary_en = models.TextField(_("résumé en anglais"), max_length=800)
    kind = models.CharField(_("type"), max_length=10, choices=ResourceKind,
                            default=ResourceKind.GUIDE)
    audience = models.CharField(_("public"), max_length=10, choices=Audience,
                                default=Audience.EVERYONE)
    domains = FlagsField(_("domaines d'implication"), flags=Domain, blank=True)
    steps = FlagsField(_("étapes du continuum d'engagement"), flags=ContinuumStep, blank=True)
    public = models.BooleanField(
        _("visible sans connexion"), default=True,
        help_text=_("Décochez pour la réserver aux personnes connectées."))
    file = models.FileField(
        _("fichier"), upload_to="ressources/%Y/", blank=True, validators=[validate_upload],
        help_text=_("PDF, DOCX, ODT ou XLSX. Ou bien un lien, ci-dessous."))
    link = models.URLField(_("lien"), blank=True)
    published = models.BooleanField(_("publiée"), default=True)
    created_at = models.DateTimeField(_("ajoutée le"), default=timezone.now)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="resource_file_or_link",
                violation_error_message=_("Donnez un fichier ou un lien, l'un des deux."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ressource", args=[self.pk])

    def _in_language(self, french: str, english: str) -> str:
        return english if (get_language() or "").startswith("en") and english else french

    @property
    def heading(self) -> str:
        return self._in_language(self.title, self.title_en)

    @property
    def abstract(self) -> str:
        return self._in_language(self.summary, self.summary_en)

    @property
    def file_type(self):
        return extension_type(self.file.name) if self.file else None

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_type]

    def domain_labels(self):
        return self._meta.get_field("domains").labels(self)

    def step_labels(self):
        return self._meta.get_field("steps").labels(self)


class Download(models.Model):
    """One download of a resource (or one visit of its link), for the indicators; it
    says nothing of who downloaded."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="downloads",
                                 verbose_name=_("ressource"))
    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("téléchargement")
        verbose_name_plural = _("téléchargements")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.resource} — {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
