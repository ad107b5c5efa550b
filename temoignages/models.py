from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import Domain
from temoignages.enums import StoryStatus


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=StoryStatus.PUBLISHED, publication_consent=True)


class Story(models.Model):
    """A member's account of their experience, published only with their consent and
    after a coordinator's review; withdrawn by them at any time."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="stories", verbose_name=_("auteur(e)"))
    title = models.CharField(_("titre"), max_length=150)
    text = models.TextField(_("votre témoignage"), max_length=10000)
    domain = models.CharField(_("domaine concerné"), max_length=30, choices=Domain,
                              blank=True)
    anonymous = models.BooleanField(_("publier sous un pseudonyme"), default=False)
    pen_name = models.CharField(_("pseudonyme"), max_length=80, blank=True)
    publication_consent = models.BooleanField(_("consentement à la publication"),
                                              default=False)
    consented_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=12, choices=StoryStatus,
                              default=StoryStatus.DRAFT, db_index=True)
    review_comment = models.TextField(_("commentaire de la coordination"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("relu par"))
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    submitted_at = models.DateTimeField(_("soumis le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("témoignage")
        verbose_name_plural = _("témoignages")
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("temoignage", args=[self.pk])

    @property
    def signature(self) -> str:
        """The name shown with the published story."""
        return self.pen_name if self.anonymous else self.author.display_name

    @property
    def editable(self) -> bool:
        return self.status in StoryStatus.editable()
