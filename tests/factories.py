import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from accompagnement.enums import SupportKind
from accompagnement.models import SupportRequest
from activites.enums import ActivityKind
from activites.models import Activity, Registration
from communaute.enums import (
    AgeRange,
    ContinuumStep,
    Domain,
    Language,
    MemberKind,
    MemberStatus,
    Modality,
    OrgLevel,
)
from communaute.models import HealthTopic, Member, Region, User
from communaute.roles import COORDINATION_GROUP
from formation.enums import CourseFormat
from formation.models import Completion, Course, Enrolment, Session
from jumelage.models import CompensationPayment, Evaluation, HoursDeclaration, Pairing
from mentorat.models import MentoringRequest, MentorOffer
from recrutement.enums import EstablishmentKind, ProjectStatus, TeamKind, TeamStatus
from recrutement.models import Establishment, MatchRequest, Project, Team, TeamMembership
from ressources.models import Resource
from temoignages.enums import StoryStatus
from temoignages.models import Story
from tests import files

PASSWORD = "un-mot-de-passe-solide-42"
# The authenticator app of every coordinator the factory makes (tests/totp.py gives codes).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.ca")
    display_name = factory.Faker("name", locale="fr_CA")
    legal_name = factory.SelfAttribute("display_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            self.save()


class CoordinatorFactory(UserFactory):
    """A coordinator with an authenticator app set up; second_factor=False: without."""

    is_staff = True

    @factory.post_generation
    def coordination(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=COORDINATION_GROUP)[0])

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Authenticator.objects.create(user=self, type=Authenticator.Type.TOTP,
                                         data={"secret": TOTP_SECRET})


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = "Capitale-Nationale"
    code = "03"


class HealthTopicFactory(DjangoModelFactory):
    class Meta:
        model = HealthTopic
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Sujet {n}")


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    status = MemberStatus.ACTIVE
    kinds = [MemberKind.PATIENT]
    age_range = AgeRange.FROM_50
    region = factory.SubFactory(RegionFactory)
    municipality = "Québec"
    languages = [Language.FRENCH]
    domains = [Domain.RESEARCH]
    continuum_max = ContinuumStep.COLLABORATION
    modality = Modality.HYBRID
    hours_per_month = 4
    max_projects = 2
    consent_matching = True
    activated_at = factory.LazyFunction(timezone.now)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Formation {n}")
    slug = factory.Sequence(lambda n: f"formation-{n}")
    summary = "Une formation sur le partenariat."
    format = CourseFormat.LIVE_ONLINE


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timezone.timedelta(hours=2))
    capacity = 10
    registration_deadline = factory.LazyAttribute(
        lambda o: o.starts_at - timezone.timedelta(days=1))


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)


class CompletionFactory(DjangoModelFactory):
    class Meta:
        model = Completion

    course = factory.SubFactory(CourseFactory)
    user = factory.SubFactory(UserFactory)


class EstablishmentFactory(DjangoModelFactory):
    class Meta:
        model = Establishment
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"CIUSSS de démonstration {n}")
    kind = EstablishmentKind.CIUSSS


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Équipe {n}")
    kind = TeamKind.RESEARCH
    establishment = factory.SubFactory(EstablishmentFactory)
    status = TeamStatus.VERIFIED


class TeamMembershipFactory(DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role_title = "Chercheuse"


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Un projet qui cherche des personnes partenaires."
    description = "Description détaillée du projet."
    main_domain = Domain.RESEARCH
    continuum_step = ContinuumStep.CONSULTATION
    org_level = OrgLevel.MESO
    kinds_sought = [MemberKind.PATIENT, MemberKind.CAREGIVER, MemberKind.CITIZEN]
    modality = Modality.REMOTE
    languages = [Language.FRENCH]
    contact_name = "Personne-ressource"
    contact_email = "contact@exemple.ca"
    status = ProjectStatus.PUBLISHED


class MatchRequestFactory(DjangoModelFactory):
    class Meta:
        model = MatchRequest

    project = factory.SubFactory(ProjectFactory)
    people_count = 2
    needed_by = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=14))


class PairingFactory(DjangoModelFactory):
    class Meta:
        model = Pairing

    project = factory.SubFactory(ProjectFactory)
    member = factory.SubFactory(MemberFactory)


class HoursDeclarationFactory(DjangoModelFactory):
    class Meta:
        model = HoursDeclaration

    pairing = factory.SubFactory(PairingFactory, status="actif")
    hours = 2
    worked_on = factory.LazyFunction(timezone.localdate)


class CompensationPaymentFactory(DjangoModelFactory):
    class Meta:
        model = CompensationPayment

    pairing = factory.SubFactory(PairingFactory, status="actif")
    amount = 50
    paid_on = factory.LazyFunction(timezone.localdate)


class EvaluationFactory(DjangoModelFactory):
    """A submitted answer; pass submitted_at=None for one still being written."""

    class Meta:
        model = Evaluation

    pairing = factory.SubFactory(PairingFactory, status="termine")
    side = "membre"
    satisfaction = 4
    submitted_at = factory.LazyFunction(timezone.now)


class SupportRequestFactory(DjangoModelFactory):
    class Meta:
        model = SupportRequest

    team = factory.SubFactory(TeamFactory)
    kind = SupportKind.METHOD
    needs = "Nous préparons un groupe de discussion avec des patients."


class MentorOfferFactory(DjangoModelFactory):
    class Meta:
        model = MentorOffer

    member = factory.SubFactory(MemberFactory)
    capacity = 2


class MentoringRequestFactory(DjangoModelFactory):
    class Meta:
        model = MentoringRequest

    member = factory.SubFactory(MemberFactory)
class ResourceFactory(DjangoModelFactory):
    """A public resource that is a link; `with_pdf=True`: a PDF file instead."""

    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Guide {n}")
    title_en = factory.Sequence(lambda n: f"Guide {n} (EN)")
    summary = "Un guide pour bien accueillir les personnes partenaires."
    summary_en = "A guide to welcome partners well."
    link = "https://exemple.ca/guide"

    class Params:
        with_pdf = factory.Trait(
            link="", file=factory.django.FileField(filename="guide.pdf", data=files.pdf()))


class StoryFactory(DjangoModelFactory):
    """A story submitted with its consent, waiting for a coordinator."""

    class Meta:
        model = Story

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Mon expérience {n}")
    text = "J'ai siégé au comité des usagers pendant deux ans."
    publication_consent = True
    consented_at = factory.LazyFunction(timezone.now)
    status = StoryStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class ActivityFactory(DjangoModelFactory):
    """An online exchange in ten days."""

    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Activité {n}")
    slug = factory.Sequence(lambda n: f"activite-{n}")
    kind = ActivityKind.ONLINE_EXCHANGE
    description = "Un échange entre membres et équipes."
    format = Modality.REMOTE
    link = "https://visio.exemple.ca/echange"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timezone.timedelta(hours=2))
    capacity = 10
    registration_deadline = factory.LazyAttribute(
        lambda o: o.starts_at - timezone.timedelta(days=1))


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    activity = factory.SubFactory(ActivityFactory)
    user = factory.SubFactory(UserFactory)
