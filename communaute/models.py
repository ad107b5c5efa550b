from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import (
    AccessAction,
    AgeRange,
    ConsentKind,
    ConsentMethod,
    ContactChannel,
    ContinuumStep,
    DeletionReason,
    Domain,
    EquityAnswer,
    Gender,
    InterfaceLanguage,
    Language,
    MemberKind,
    MemberStatus,
    Modality,
)
from communaute.roles import ScopedQuerySet
from ruisss.fields import FlagsField


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A person who logs in: member, team member or coordinator, identified by e-mail."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("courriel"), unique=True)
    display_name = models.CharField(_("nom d'usage"), max_length=150,
                                    help_text=_("Le nom par lequel vous souhaitez être appelé(e)."))
    legal_name = models.CharField(_("nom légal"), max_length=150, blank=True)
    preferred_language = models.CharField(_("langue de communication"), max_length=5,
                                          choices=InterfaceLanguage,
                                          default=InterfaceLanguage.FRENCH)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur(-trice)")
        verbose_name_plural = _("utilisateurs(-trices)")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.legal_name or self.display_name

    def get_short_name(self):
        return self.display_name


class Region(models.Model):
    """An administrative region of the RUISSS UL territory; coordinators add others."""

    code = models.CharField(_("code"), max_length=10, blank=True)
    name = models.CharField(_("nom"), max_length=120, unique=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["code", "name"]

    def __str__(self):
        return f"{self.name} ({self.code})" if self.code else self.name


# A health topic's flag is 1 << n for an n of its own below this: the flags of a member's
# topics add up in one column (Member.topics_mask), from which the matching engine counts
# the topics a member shares with a project. Topics created once they are all taken have
# none, and the engine counts those from the links.
TOPIC_FLAGS = 63


def free_topic_flag() -> int | None:
    taken = set(HealthTopic.objects.exclude(flag=None).values_list("flag", flat=True))
    return next((1 << n for n in range(TOPIC_FLAGS) if 1 << n not in taken), None)


class HealthTopic(models.Model):
    name = models.CharField(_("nom"), max_length=120, unique=True)
    active = models.BooleanField(_("actif"), default=True)
    flag = models.BigIntegerField(_("code pour le jumelage"), null=True, unique=True,
                                  editable=False)

    class Meta:
        verbose_name = _("sujet de santé")
        verbose_name_plural = _("sujets de santé")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self._state.adding and self.flag is None:
            self.flag = free_topic_flag()
        super().save(*args, **kwargs)


def topics_recount(members) -> int:
    """Set `Member.topics_mask` of the members in the queryset `members` from their
    topics."""
    flags = (Member.health_topics.through.objects
             .filter(member_id=OuterRef("pk"), healthtopic__flag__isnull=False)
             .order_by().values("member_id").annotate(mask=Sum("healthtopic__flag"))
             .values("mask"))
    return members.update(topics_mask=Coalesce(Subquery(flags), 0))


RECOUNTED = ("places_held", "topics_mask")


class MemberQuerySet(ScopedQuerySet):
    owner_paths = ("user",)


class Member(models.Model):
    """The profile of a citizen, patient or caregiver who joined the community."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="member",
                                verbose_name=_("compte"))
    status = models.CharField(_("statut"), max_length=12, choices=MemberStatus,
                              default=MemberStatus.PENDING, db_index=True)
    status_reason = models.TextField(_("motif du statut"), blank=True)
    contact_channel = models.CharField(_("moyen de contact préféré"), max_length=10,
                                       choices=ContactChannel, default=ContactChannel.EMAIL)

    kinds = FlagsField(_("je suis"), flags=MemberKind)
    age_range = models.CharField(_("tranche d'âge"), max_length=15, choices=AgeRange)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True,
                               related_name="members", verbose_name=_("région"))
    municipality = models.CharField(_("municipalité"), max_length=120)
    languages = FlagsField(_("langues parlées"), flags=Language)

    health_topics = models.ManyToManyField(HealthTopic, blank=True, related_name="members",
                                           verbose_name=_("sujets de santé"))
    care_trajectories = models.TextField(_("trajectoires de soins connues"), blank=True)
    lived_experience = models.TextField(_("votre expérience, dans vos mots"), blank=True)

    domains = FlagsField(_("domaines d'implication souhaités"), flags=Domain)
    continuum_max = models.PositiveSmallIntegerField(
        _("jusqu'où souhaitez-vous vous engager?"), choices=ContinuumStep,
        default=ContinuumStep.CONSULTATION)
    modality = models.CharField(_("modalité"), max_length=12, choices=Modality,
                                default=Modality.HYBRID)
    hours_per_month = models.PositiveSmallIntegerField(_("heures par mois"), default=4)
    availability = models.CharField(_("disponibilités"), max_length=300, blank=True)
    max_projects = models.PositiveSmallIntegerField(_("projets à la fois, au plus"), default=2)
    # Pairings holding one of those places (invited, accepted or under way), recounted by
    # jumelage whenever a pairing changes, so that the matching engine compares two columns.
    places_held = models.PositiveSmallIntegerField(_("places occupées"), default=0,
                                                   editable=False)
    # The flags of the member's health topics, added up again whenever the links change
    # (communaute/signals.py).
    topics_mask = models.BigIntegerField(_("sujets de santé, en code pour le jumelage"),
                                         default=0, editable=False)
    accommodations = models.TextField(_("accommodements souhaités"), blank=True)
    wants_compensation = models.BooleanField(_("souhaite être rémunéré(e)"), default=False)

    past_involvement = models.TextField(_("implications passées"), blank=True)
    trainings_declared = models.TextField(_("formations déjà suivies"), blank=True)
    heard_about = models.CharField(_("comment avez-vous connu la communauté?"), max_length=200,
                                   blank=True)

    gender = models.CharField(_("genre"), max_length=15, choices=Gender, blank=True)
    indigenous = models.CharField(_("personne autochtone"), max_length=15,
                                  choices=EquityAnswer, blank=True)
    racialized = models.CharField(_("personne racisée"), max_length=15,
                                  choices=EquityAnswer, blank=True)
    disability = models.CharField(_("personne en situation de handicap"), max_length=15,
                                  choices=EquityAnswer, blank=True)
    immigrant = models.CharField(_("personne immigrante"), max_length=15,
                                 choices=EquityAnswer, blank=True)

    # Current state of consents, kept in step with the Consent history by the services,
    # so that the matching engine filters on a column and the member's space reads one.
    consent_matching = models.BooleanField(_("consent au jumelage"), default=False)
    consent_sensitive = models.BooleanField(_("consent aux renseignements de santé"),
                                            default=False)
    consent_news = models.BooleanField(_("consent aux nouvelles"), default=False)
    consent_confidentiality = models.BooleanField(
        _("a pris l'engagement à la confidentialité"), default=False)

    paused_until = models.DateField(_("en pause jusqu'au"), null=True, blank=True)
    created_at = models.DateTimeField(_("inscrit(e) le"), default=timezone.now, db_index=True)
    activated_at = models.DateTimeField(_("activé(e) le"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("dernière activité"), default=timezone.now)
    retention_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "consent_matching"]),
            # The matching engine's first filter: who may be proposed, in the project's
            # regions.
            models.Index(fields=["region"], name="matchable_by_region",
                         condition=Q(status=MemberStatus.ACTIVE, consent_matching=True)),
        ]

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        # A profile read before a pairing or a topic changed would put a stale count
        # back: a full save of an existing member writes every column but those kept by
        # recounts.
        if not (self._state.adding or kwargs.get("force_insert")) \
                and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.attname for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in RECOUNTED]
        super().save(*args, **kwargs)

    def kind_labels(self):
        return self._meta.get_field("kinds").labels(self)

    def domain_labels(self):
        return self._meta.get_field("domains").labels(self)

    def language_labels(self):
        return self._meta.get_field("languages").labels(self)


class Consent(models.Model):
    """One consent given or withdrawn, with the version of the text the person saw."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consents",
                               verbose_name=_("membre"))
    kind = models.CharField(_("consentement"), max_length=20, choices=ConsentKind)
    given = models.BooleanField(_("donné"))
    text_version = models.CharField(_("version du texte"), max_length=20)
    method = models.CharField(_("manière"), max_length=12, choices=ConsentMethod,
                              default=ConsentMethod.ONLINE)
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("saisi par"))
    recorded_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} : {'oui' if self.given else 'non'}"


class RetentionPolicy(models.Model):
    """How long an inactive member's data is kept: one row, changed by coordinators."""

    inactive_months = models.PositiveSmallIntegerField(
        _("mois d'inactivité avant le rappel"), default=24,
        help_text=_("Un membre sans activité (connexion, modification du profil) depuis ce "
                    "nombre de mois reçoit un rappel."))
    reminder_days = models.PositiveSmallIntegerField(
        _("jours pour répondre au rappel"), default=30,
        help_text=_("Sans activité dans ce délai après le rappel, le profil est archivé et "
                    "ses renseignements personnels sont anonymisés."))

    class Meta:
        verbose_name = _("politique de conservation")
        verbose_name_plural = _("politique de conservation")

    def __str__(self):
        return str(_("Politique de conservation"))

    @classmethod
    def current(cls) -> "RetentionPolicy":
        return cls.objects.get_or_create(pk=1)[0]


class DeletionRecord(models.Model):
    """A trace that an account was erased, holding counts only, never who it was."""

    deleted_at = models.DateTimeField(_("le"), default=timezone.now)
    reason = models.CharField(_("motif"), max_length=20, choices=DeletionReason)
    counts = models.JSONField(_("éléments effacés ou anonymisés"), default=dict)

    class Meta:
        verbose_name = _("suppression de compte")
        verbose_name_plural = _("suppressions de comptes")
        ordering = ["-deleted_at"]

    def __str__(self):
        return f"{self.get_reason_display()} — {self.deleted_at:%Y-%m-%d}"


class AccessRecord(models.Model):
    """A coordinator read or exported a member's personal data in the admin: who, what,
    when, which member. Written by communaute.services.access_record; the admin shows
    these rows and never changes nor deletes them.

    When the member's account is erased the row stays, pointing to the anonymised
    profile: the trace of the access, without the name.
    """

    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+",
                           verbose_name=_("par"))
    action = models.CharField(_("action"), max_length=15, choices=AccessAction)
    member = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True,
                               related_name="access_records", verbose_name=_("membre"))

    class Meta:
        verbose_name = _("consultation de données personnelles")
        verbose_name_plural = _("journal des consultations")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.at:%Y-%m-%d %H:%M}"


class ConfidentialityIncident(models.Model):
    """One entry of the register of confidentiality incidents that Law 25 requires.

    It holds what the Règlement sur les incidents de confidentialité asks of the
    register: what was concerned, the circumstances, when it happened and when it was
    learned, how many people, the risk of serious injury, the notices to the Commission
    d'accès à l'information and to the persons, and the measures taken. Kept at least
    five years after the incident was learned of: the admin never deletes it.
    """

    occurred_on = models.DateField(_("date de l'incident"),
                                   help_text=_("Ou le début de la période, ou une date "
                                               "approximative."))
    occurred_until = models.DateField(_("fin de la période"), null=True, blank=True)
    discovered_on = models.DateField(_("date de prise de connaissance"))
    information_concerned = models.TextField(
        _("renseignements personnels visés"),
        help_text=_("Ou les raisons pour lesquelles on ne peut pas les décrire."))
    description = models.TextField(_("description des circonstances"))
    people_count = models.PositiveIntegerField(_("nombre de personnes concernées"),
                                               help_text=_("Ou une approximation."))
    serious_harm_risk = models.BooleanField(
        _("risque de préjudice sérieux"), default=False,
        help_text=_("S'il y a un risque qu'un préjudice sérieux soit causé, la Commission "
                    "d'accès à l'information et les personnes concernées doivent être "
                    "avisées avec diligence."))
    risk_assessment = models.TextField(
        _("évaluation du risque"), blank=True,
        help_text=_("Sensibilité des renseignements, utilisations malveillantes possibles, "
                    "conséquences appréhendées et leur probabilité."))
    measures = models.TextField(_("mesures prises"),
                                help_text=_("Pour diminuer les risques qu'un préjudice soit "
                                            "causé et éviter qu'un incident semblable se "
                                            "reproduise."))
    commission_notified_on = models.DateField(
        _("avis à la Commission d'accès à l'information le"), null=True, blank=True)
    persons_notified_on = models.DateField(_("avis aux personnes concernées le"), null=True,
                                           blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True,
                                    related_name="+", editable=False,
                                    verbose_name=_("inscrit par"))
    recorded_at = models.DateTimeField(_("inscrit le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("incident de confidentialité")
        verbose_name_plural = _("registre des incidents de confidentialité")
        ordering = ["-discovered_on", "-pk"]

    def __str__(self):
        return str(_("Incident du %(day)s") % {"day": self.occurred_on.isoformat()})

    @property
    def notices_due(self) -> bool:
        """A risk of serious injury, and someone still to notify."""
        return self.serious_harm_risk and not (self.commission_notified_on
                                               and self.persons_notified_on)

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.occurred_until and self.occurred_on and self.occurred_until < self.occurred_on:
            errors["occurred_until"] = _("La fin de la période précède son début.")
        if self.discovered_on and self.occurred_on and self.discovered_on < self.occurred_on:
            errors["discovered_on"] = _("On ne peut pas prendre connaissance d'un incident "
                                        "avant qu'il se produise.")
        for name in ("occurred_on", "discovered_on", "commission_notified_on",
                     "persons_notified_on"):
            value = getattr(self, name)
            if value and value > today:
                errors.setdefault(name, _("Cette date n'est pas encore arrivée."))
        for name in ("commission_notified_on", "persons_notified_on"):
            value = getattr(self, name)
            if value and self.discovered_on and value < self.discovered_on:
                errors.setdefault(name, _("Un avis ne peut pas précéder la prise de "
                                          "connaissance de l'incident."))
        if errors:
            raise ValidationError(errors)
