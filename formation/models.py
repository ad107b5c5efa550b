from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import Audience, ContinuumStep, InterfaceLanguage
from communaute.roles import ScopedQuerySet, is_coordinator, is_member, is_team_member
from formation import places
from formation.enums import CompletionStatus, CourseFormat, EnrolmentStatus


def audiences_of(user) -> set[str]:
    """The course audiences `user` belongs to; coordinators may take any course."""
    if is_coordinator(user):
        return set(Audience)
    audiences = {Audience.EVERYONE}
    if is_member(user):
        audiences.add(Audience.MEMBERS)
    if is_team_member(user):
        audiences.add(Audience.TEAMS)
    return audiences


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(active=True)

    def open_to(self, user):
        return self.filter(audience__in=sorted(audiences_of(user)))

    def catalogue(self):
        """Published courses with their coming sessions (`coming_sessions`, places known)."""
        return self.published().prefetch_related(
            models.Prefetch("sessions", queryset=Session.objects.coming().with_places(),
                            to_attr="coming_sessions"))

    def requirable(self):
        return self.filter(active=True, requirable=True)

    def required_by_default_for(self, continuum_step: int):
        """Courses a new project offering `continuum_step` requires before any change."""
        return self.requirable().filter(required_from_step__lte=continuum_step)


class Course(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    summary = models.CharField(_("résumé"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("public"), max_length=10, choices=Audience,
                                default=Audience.EVERYONE)
    format = models.CharField(_("format"), max_length=12, choices=CourseFormat)
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), default=90)
    language = models.CharField(_("langue"), max_length=5, choices=InterfaceLanguage,
                                default=InterfaceLanguage.FRENCH)
    prerequisites = models.ManyToManyField("self", symmetrical=False, blank=True,
                                           verbose_name=_("préalables"))
    link = models.URLField(_("lien (formations à son rythme)"), blank=True)
    resources = models.ManyToManyField("ressources.Resource", blank=True,
                                       related_name="courses",
                                       verbose_name=_("ressources utiles"))
    requirable = models.BooleanField(_("peut être exigée par un projet"), default=True)
    required_from_step = models.PositiveSmallIntegerField(
        _("exigée par défaut à partir de l'étape"), choices=ContinuumStep, null=True,
        blank=True,
        help_text=_("Un nouveau projet qui offre cette étape du continuum, ou une étape "
                    "plus avancée, exige cette formation par défaut."))
    active = models.BooleanField(_("offerte"), default=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("formation", args=[self.slug])

    @property
    def is_asynchronous(self):
        return self.format == CourseFormat.ASYNCHRONOUS

    def welcomes(self, user) -> bool:
        return self.audience in audiences_of(user)


class SessionQuerySet(models.QuerySet):
    def coming(self):
        return self.filter(starts_at__gt=timezone.now(), course__active=True)

    def with_places(self):
        """Annotates `enrolled_count` and `waiting_count` (see `places_left`)."""
        return places.with_places(self, "enrolments")


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions",
                               verbose_name=_("formation"))
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=250, blank=True)
    link = models.URLField(_("lien de la rencontre"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    registration_deadline = models.DateTimeField(_("date limite d'inscription"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.course} — {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        """Needs `with_places()`."""
        return places.places_left(self)

    @property
    def registration_open(self) -> bool:
        return timezone.now() < self.registration_deadline


class EnrolmentQuerySet(places.RequestQuerySet):
    offering = "session"


class Enrolment(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments",
                                verbose_name=_("séance"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="enrolments", verbose_name=_("personne"))
    status = models.CharField(_("statut"), max_length=10, choices=EnrolmentStatus,
                              default=EnrolmentStatus.ENROLLED)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_enrolment_per_session"),
        ]

    def __str__(self):
        return f"{self.user} — {self.session}"


class CompletionQuerySet(ScopedQuerySet):
    owner_paths = ("user",)

    def confirmed(self):
        return self.filter(status=CompletionStatus.CONFIRMED)



class Completion(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions",
                               verbose_name=_("formation"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="completions", verbose_name=_("personne"))
    status = models.CharField(_("statut"), max_length=10, choices=CompletionStatus,
                              default=CompletionStatus.CONFIRMED)
    completed_on = models.DateField(_("complétée le"), default=timezone.localdate)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("confirmée par"))

    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("formation complétée")
        verbose_name_plural = _("formations complétées")
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="one_completion_per_course"),
        ]

    def __str__(self):
        return f"{self.user} — {self.course}"
