from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activites.enums import ActivityKind
from communaute.enums import Modality
from communaute.models import Region
from formation import places
from formation.enums import EnrolmentStatus
from ressources.uploads import CONTENT_TYPES, extension_type, validate_upload


class ActivityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def coming(self):
        return self.published().filter(starts_at__gt=timezone.now())

    def past(self):
        return self.published().filter(ends_at__lte=timezone.now())

    def with_places(self):
        """Annotates `enrolled_count` and `waiting_count` (see `places_left`)."""
        return places.with_places(self, "registrations")

    def region_first(self, region):
        """Soonest first, those in `region` before the others."""
        if region is None:
            return self.order_by("starts_at")
        return self.alias(elsewhere=Case(When(region=region, then=Value(0)), default=Value(1))
                          ).order_by("elsewhere", "starts_at")


class Activity(models.Model):
    """A gathering of the community: in person in a region, online, or both."""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=15, choices=ActivityKind)
    description = models.TextField(_("description"))
    format = models.CharField(_("format"), max_length=12, choices=Modality,
                              default=Modality.IN_PERSON)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="activities", verbose_name=_("région"))
    place = models.CharField(_("lieu"), max_length=250, blank=True)
    link = models.URLField(_("lien de la rencontre en ligne"), blank=True,
                           help_text=_("Montré seulement aux personnes inscrites."))
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveIntegerField(_("places"))
    registration_deadline = models.DateTimeField(_("date limite d'inscription"))
    published = models.BooleanField(_("publiée"), default=True)
    summary = models.TextField(
        _("compte rendu"), blank=True,
        help_text=_("Après l'activité : ce qui s'y est dit, en quelques lignes. Les "
                    "documents partagés sont réservés aux personnes présentes."))
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.title} — {timezone.localtime(self.starts_at):%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("activite", args=[self.slug])

    def clean(self):
        errors = {}
        if self.format in (Modality.IN_PERSON, Modality.HYBRID):
            if self.region_id is None:
                errors["region"] = _("Une activité en personne a lieu dans une région.")
            if not self.place:
                errors["place"] = _("Indiquez le lieu de l'activité en personne.")
        if self.format in (Modality.REMOTE, Modality.HYBRID) and not self.link:
            errors["link"] = _("Une activité en ligne a besoin du lien de la rencontre.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La fin doit suivre le début.")
        if (self.starts_at and self.registration_deadline
                and self.registration_deadline > self.starts_at):
            errors["registration_deadline"] = _(
                "La date limite d'inscription doit précéder le début.")
        if errors:
            raise ValidationError(errors)

    @property
    def places_left(self) -> int:
        """Needs `with_places()`."""
        return places.places_left(self)

    @property
    def registration_open(self) -> bool:
        return timezone.now() < self.registration_deadline

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def online(self) -> bool:
        return self.format in (Modality.REMOTE, Modality.HYBRID)


class RegistrationQuerySet(places.RequestQuerySet):
    offering = "activity"


class Registration(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="registrations", verbose_name=_("activité"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="activity_registrations", verbose_name=_("personne"))
    status = models.CharField(_("statut"), max_length=10, choices=EnrolmentStatus,
                              default=EnrolmentStatus.ENROLLED)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription à une activité")
        verbose_name_plural = _("inscriptions aux activités")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"],
                                    name="one_registration_per_activity"),
        ]

    def __str__(self):
        return f"{self.user} — {self.activity}"

    @property
    def holds_place(self) -> bool:
        return self.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED)


class ActivityDocument(models.Model):
    """A document shared after an activity with the people who came."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="documents",
                                 verbose_name=_("activité"))
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), upload_to="activites/%Y/",
                            validators=[validate_upload],
                            help_text=_("PDF, DOCX, ODT ou XLSX."))
    added_at = models.DateTimeField(_("ajouté le"), default=timezone.now)

    class Meta:
        verbose_name = _("document partagé")
        verbose_name_plural = _("documents partagés")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def file_type(self):
        return extension_type(self.file.name)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_type]
