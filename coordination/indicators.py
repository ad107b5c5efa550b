"""Indicators of the community's activity, for the coordinators' dashboard.

Each table is one aggregate query, whatever the number of rows behind it, so the
dashboard runs a fixed number of queries. Diversity figures are aggregates only, and a
group smaller than `SMALL_GROUP` people is hidden so that no one can be singled out.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accompagnement.enums import SupportKind, SupportStatus
from accompagnement.models import (
    EngagementPlan,
    PlanAgreement,
    PlanVersion,
    SupportMeeting,
    SupportRequest,
)
from activites.models import Activity
from communaute.enums import (
    ContinuumStep,
    Domain,
    EquityAnswer,
    Gender,
    MemberKind,
    MemberStatus,
    OrgLevel,
)
from communaute.models import Member, Region
from formation.enums import CompletionStatus, EnrolmentStatus
from formation.models import Completion, Enrolment
from formation.places import HOLDS_A_PLACE
from formation.signals import COMPLETIONS
from jumelage.enums import EvaluationSide, PairingStatus
from jumelage.models import CompensationPayment, Evaluation, HoursDeclaration, Pairing
from mentorat.enums import MentoringStatus
from mentorat.models import Mentoring, MentoringHours, MentoringRequest, MentorOffer
from recrutement.enums import MatchRequestStatus, ProjectStatus, TeamKind
from recrutement.models import MatchRequest, Project
from ressources.models import Download
from ruisss import fragments
from ruisss.fields import flag_of
from temoignages.enums import StoryStatus
from temoignages.models import Story

SMALL_GROUP = 5
INDICATORS = "indicateurs"
# The same figures for every coordinator who asks within a minute of the first: a burst
# of dashboards costs one computation (ruisss/fragments.py), and any change made through
# the models is shown at the next request (coordination/signals.py).
SHARED_FOR = 60
EQUITY_QUESTIONS = {
    "indigenous": _("Personnes autochtones"),
    "racialized": _("Personnes racisées"),
    "disability": _("Personnes en situation de handicap"),
    "immigrant": _("Personnes immigrantes"),
}


@dataclass
class Table:
    slug: str
    title: str
    headers: list
    rows: list = field(default_factory=list)
    note: str = ""

    def in_words(self) -> "Table":
        """The table with its lazy translations turned into text: the cache then reads it
        back quickly (a key is per language)."""
        def text(value):
            return str(value) if isinstance(value, Promise) else value

        return Table(self.slug, str(self.title), [str(h) for h in self.headers],
                     [tuple(text(cell) for cell in row) for row in self.rows], str(self.note))

    @property
    def chart(self):
        """(label, value, percent of the largest) for the first numeric column."""
        values = [row[1] for row in self.rows if isinstance(row[1], int | float)]
        top = max(values, default=0) or 1
        return [(row[0], row[1], round(100 * row[1] / top) if isinstance(row[1], int | float)
                 else 0) for row in self.rows]


@dataclass
class Period:
    start: date
    end: date

    @classmethod
    def last_months(cls, months=12, today=None):
        today = today or timezone.localdate()
        return cls(start=(today - timedelta(days=30 * months)).replace(day=1), end=today)

    @property
    def start_at(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_at(self):
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def q(self, field_name):
        return Q(**{f"{field_name}__gte": self.start_at, f"{field_name}__lt": self.end_at})


def _flag_count_expressions(prefix: str, field_name: str, choices) -> dict:
    """A count of the rows holding each choice of a FlagsField (the database does the `&`)."""
    return {f"{prefix}_{value}": Count("pk", filter=GreaterThan(
        F(field_name).bitand(flag_of(choices, value)), 0)) for value in choices.values}


def _value_count_expressions(prefix: str, field_name: str, values) -> dict:
    return {f"{prefix}_{value}": Count("pk", filter=Q(**{field_name: value}))
            for value in values}


def _month_starts(period) -> list[datetime]:
    """The local midnight starting each month the period touches, and the one after."""
    starts, month = [], period.start.replace(day=1)
    while month <= period.end:
        starts.append(timezone.make_aware(datetime.combine(month, time.min)))
        month = (month + timedelta(days=32)).replace(day=1)
    return [*starts, timezone.make_aware(datetime.combine(month, time.min))]


def _choice_counts(queryset, field_name, choices):
    counts = dict(queryset.values_list(field_name).annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in choices.choices]


def _hidden_if_small(count):
    return count if count >= SMALL_GROUP else _("moins de %(n)s") % {"n": SMALL_GROUP}


def _days(duration):
    return round(duration.total_seconds() / 86400, 1) if duration else "—"


class Indicators:
    def __init__(self, period: Period, region: Region | None = None):
        self.period = period
        self.region = region

    def members(self):
        members = Member.objects.all()
        if self.region:
            members = members.filter(region=self.region)
        return members

    def projects(self):
        projects = Project.objects.all()
        if self.region:
            projects = projects.filter(
                Q(team__establishment__region=self.region)
                | Exists(Project.regions.through.objects.filter(
                    project=OuterRef("pk"), region=self.region)))
        return projects

    def pairings(self):
        pairings = Pairing.objects.filter(self.period.q("proposed_at"))
        if self.region:
            pairings = pairings.filter(member__region=self.region)
        return pairings

    def tables(self) -> list[Table]:
        return [
            self.members_by_kind(), self.members_by_region(), self.members_by_domain(),
            self.members_by_continuum(), self.members_by_status(), self.new_members_by_month(),
            self.projects_by_domain(), self.projects_by_continuum(), self.projects_by_level(),
            self.projects_by_team_kind(), self.projects_by_status(), self.match_requests(),
            self.pairing_funnel(), self.trainings(), self.hours_by_month(),
            self.compensation_by_month(), self.evaluations(), self.activities_by_region(),
            self.resources_downloaded(), self.stories(), self.support_by_kind(),
            self.support_time(), self.plans(), self.mentoring(), self.diversity(),
        ]

    def table(self, slug: str) -> Table | None:
        builders = {
            "membres-type": self.members_by_kind, "membres-region": self.members_by_region,
            "membres-domaine": self.members_by_domain,
            "membres-continuum": self.members_by_continuum,
            "membres-statut": self.members_by_status,
            "nouveaux-membres": self.new_members_by_month,
            "projets-domaine": self.projects_by_domain,
            "projets-continuum": self.projects_by_continuum,
            "projets-niveau": self.projects_by_level,
            "projets-equipe": self.projects_by_team_kind,
            "projets-statut": self.projects_by_status, "demandes": self.match_requests,
            "entonnoir": self.pairing_funnel, "formations": self.trainings,
            "heures": self.hours_by_month, "remuneration": self.compensation_by_month,
            "evaluations": self.evaluations, "activites": self.activities_by_region,
            "ressources": self.resources_downloaded, "temoignages": self.stories,
            "soutien": self.support_by_kind, "soutien-temps": self.support_time,
            "plans": self.plans, "mentorat": self.mentoring,
            "diversite": self.diversity,
        }
        builder = builders.get(slug)
        return builder() if builder else None

    @cached_property
    def _member_counts(self) -> dict:
        """Every count the member tables show, in one pass over the members grouped by
        region: the tables then add the regions up."""
        months = _month_starts(self.period)
        counts = {
            **_flag_count_expressions("kind", "kinds", MemberKind),
            **_flag_count_expressions("domain", "domains", Domain),
            **_value_count_expressions("continuum", "continuum_max", ContinuumStep.values),
            **_value_count_expressions("status", "status", MemberStatus.values),
            **_value_count_expressions("gender", "gender", Gender.values),
            **{f"equity_{name}": Count("pk", filter=Q(**{name: EquityAnswer.YES}))
               for name in EQUITY_QUESTIONS},
            **{f"month_{i}": Count("pk", filter=Q(
                created_at__gte=max(start, self.period.start_at),
                created_at__lt=min(end, self.period.end_at)))
               for i, (start, end) in enumerate(itertools.pairwise(months))},
        }
        rows = list(self.members().values("region__name").annotate(total=Count("pk"), **counts)
                    .order_by("region__name"))
        totals = {name: sum(row[name] for row in rows) for name in counts}
        totals["regions"] = [(row["region__name"], row["total"]) for row in rows]
        totals["months"] = [(start.strftime("%Y-%m"), totals[f"month_{i}"])
                            for i, start in enumerate(months[:-1])]
        return totals

    def members_by_kind(self):
        counts = self._member_counts
        return Table("membres-type", _("Membres par type"), [_("Type"), _("Membres")],
                     [(label, counts[f"kind_{value}"]) for value, label in MemberKind.choices],
                     _("Une personne peut être de plusieurs types."))

    def members_by_region(self):
        rows = [(name or _("Non précisée"), n) for name, n in self._member_counts["regions"]]
        return Table("membres-region", _("Membres par région"), [_("Région"), _("Membres")], rows)

    def members_by_domain(self):
        counts = self._member_counts
        return Table("membres-domaine", _("Membres par domaine d'implication"),
                     [_("Domaine"), _("Membres")],
                     [(label, counts[f"domain_{value}"]) for value, label in Domain.choices])

    def members_by_continuum(self):
        counts = self._member_counts
        return Table("membres-continuum", _("Membres par étape du continuum souhaitée"),
                     [_("Étape"), _("Membres")],
                     [(label, counts[f"continuum_{value}"])
                      for value, label in ContinuumStep.choices])

    def members_by_status(self):
        counts = self._member_counts
        return Table("membres-statut", _("Membres par statut"), [_("Statut"), _("Membres")],
                     [(label, counts[f"status_{value}"])
                      for value, label in MemberStatus.choices])

    def new_members_by_month(self):
        rows = [(month, n) for month, n in self._member_counts["months"] if n]
        return Table("nouveaux-membres", _("Nouveaux membres par mois"),
                     [_("Mois"), _("Nouveaux membres")], rows)

    def _projects_in_period(self):
        return self.projects().filter(self.period.q("created_at"))

    def projects_by_domain(self):
        return Table("projets-domaine", _("Projets par domaine principal"),
                     [_("Domaine"), _("Projets")],
                     _choice_counts(self._projects_in_period(), "main_domain", Domain))

    def projects_by_continuum(self):
        return Table("projets-continuum", _("Projets par étape du continuum offerte"),
                     [_("Étape"), _("Projets")],
                     _choice_counts(self._projects_in_period(), "continuum_step", ContinuumStep))

    def projects_by_level(self):
        return Table("projets-niveau", _("Projets par niveau de l'organisation"),
                     [_("Niveau"), _("Projets")],
                     _choice_counts(self._projects_in_period(), "org_level", OrgLevel))

    def projects_by_team_kind(self):
        return Table("projets-equipe", _("Projets par type d'équipe"),
                     [_("Type d'équipe"), _("Projets")],
                     _choice_counts(self._projects_in_period(), "team__kind", TeamKind))

    def projects_by_status(self):
        return Table("projets-statut", _("Projets par statut"), [_("Statut"), _("Projets")],
                     _choice_counts(self._projects_in_period(), "status", ProjectStatus))

    def match_requests(self):
        first_proposal = Subquery(
            Pairing.objects.filter(match_request=OuterRef("pk")).order_by()
            .values("match_request").annotate(first=Min("proposed_at")).values("first")[:1])
        requests = MatchRequest.objects.filter(self.period.q("created_at"))
        if self.region:
            requests = requests.filter(project__in=self.projects())
        totals = requests.annotate(first_proposal=first_proposal).aggregate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status=MatchRequestStatus.OPEN)),
            overdue=Count("pk", filter=Q(status=MatchRequestStatus.OPEN,
                                         needed_by__lt=timezone.localdate())),
            to_first=Avg(ExpressionWrapper(F("first_proposal") - F("created_at"),
                                           output_field=DurationField())),
            to_filled=Avg(ExpressionWrapper(F("filled_at") - F("created_at"),
                                            output_field=DurationField())),
        )
        rows = [
            (_("Demandes reçues"), totals["total"]),
            (_("Demandes ouvertes"), totals["open"]),
            (_("Demandes en retard"), totals["overdue"]),
            (_("Jours, en moyenne, jusqu'à la première proposition"), _days(totals["to_first"])),
            (_("Jours, en moyenne, jusqu'à la demande comblée"), _days(totals["to_filled"])),
        ]
        return Table("demandes", _("Demandes de jumelage"), [_("Indicateur"), _("Valeur")], rows)

    def pairing_funnel(self):
        reached_acceptance = [PairingStatus.ACCEPTED, PairingStatus.ACTIVE, PairingStatus.PAUSED,
                              PairingStatus.ENDED]
        totals = self.pairings().aggregate(
            proposed=Count("pk"),
            approved=Count("pk", filter=Q(approved_at__isnull=False)),
            accepted=Count("pk", filter=Q(status__in=reached_acceptance)),
            declined=Count("pk", filter=Q(status=PairingStatus.DECLINED)),
            active=Count("pk", filter=Q(status__in=[PairingStatus.ACTIVE, PairingStatus.PAUSED,
                                                     PairingStatus.ENDED])),
            ended=Count("pk", filter=Q(status=PairingStatus.ENDED)),
        )
        answered = totals["accepted"] + totals["declined"]
        rate = f"{round(100 * totals['accepted'] / answered)} %" if answered else "—"
        rows = [
            (_("Proposés"), totals["proposed"]),
            (_("Approuvés et invités"), totals["approved"]),
            (_("Acceptés"), totals["accepted"]),
            (_("Actifs"), totals["active"]),
            (_("Terminés"), totals["ended"]),
            (_("Déclinés"), totals["declined"]),
        ]
        return Table("entonnoir", _("Entonnoir des jumelages"), [_("Étape"), _("Jumelages")],
                     rows, _("Taux d'acceptation : %(rate)s") % {"rate": rate})

    def trainings(self):
        enrolments = Enrolment.objects.filter(self.period.q("session__starts_at"))
        completions = Completion.objects.filter(
            status=CompletionStatus.CONFIRMED, completed_on__gte=self.period.start,
            completed_on__lte=self.period.end)
        if self.region:
            enrolments = enrolments.filter(user__member__region=self.region)
            completions = completions.filter(user__member__region=self.region)
        enrolled = enrolments.aggregate(
            enrolled=Count("pk", filter=Q(status__in=[EnrolmentStatus.ENROLLED,
                                                      EnrolmentStatus.ATTENDED,
                                                      EnrolmentStatus.ABSENT])),
            waiting=Count("pk", filter=Q(status=EnrolmentStatus.WAITING)),
            attended=Count("pk", filter=Q(status=EnrolmentStatus.ATTENDED)))
        rows = [
            (_("Inscriptions"), enrolled["enrolled"]),
            (_("En liste d'attente"), enrolled["waiting"]),
            (_("Présences"), enrolled["attended"]),
            (_("Formations complétées (confirmées)"), completions.count()),
        ]
        return Table("formations", _("Inscriptions et formations complétées"),
                     [_("Indicateur"), _("Nombre")], rows)

    def _of_region(self, queryset):
        return queryset.filter(pairing__member__region=self.region) if self.region else queryset

    def hours_by_month(self):
        """Hours the teams confirmed, by the month they were given."""
        declarations = self._of_region(HoursDeclaration.objects.confirmed().filter(
            worked_on__gte=self.period.start, worked_on__lte=self.period.end))
        sums = (declarations.annotate(month=TruncMonth("worked_on")).values_list("month")
                .annotate(hours=Sum("hours"), n=Count("pairing", distinct=True))
                .order_by("month"))
        rows = [(month.strftime("%Y-%m"), float(hours), n) for month, hours, n in sums]
        return Table("heures", _("Heures données par mois (confirmées par les équipes)"),
                     [_("Mois"), _("Heures"), _("Engagements")], rows)

    def compensation_by_month(self):
        payments = self._of_region(CompensationPayment.objects.filter(
            paid_on__gte=self.period.start, paid_on__lte=self.period.end))
        sums = (payments.annotate(month=TruncMonth("paid_on")).values_list("month")
                .annotate(amount=Sum("amount"), n=Count("pk")).order_by("month"))
        rows = [(month.strftime("%Y-%m"), float(amount), n) for month, amount, n in sums]
        return Table("remuneration", _("Rémunération versée par mois"),
                     [_("Mois"), _("Montant ($)"), _("Versements")], rows)

    def evaluations(self):
        """Answers to the end-of-engagement questionnaire, by side: aggregates only."""
        answers = self._of_region(Evaluation.objects.filter(self.period.q("submitted_at")))
        totals = {side: (n, average) for side, n, average in
                  answers.values_list("side").annotate(n=Count("pk"),
                                                       average=Avg("satisfaction"))
                  .order_by()}
        rows = []
        for side, label in EvaluationSide.choices:
            n, average = totals.get(side, (0, None))
            rows.append((label, n, round(average, 1) if average is not None else "—"))
        return Table("evaluations", _("Questionnaires de fin d'engagement"),
                     [_("Répondants"), _("Réponses"), _("Satisfaction moyenne (sur 5)")], rows)

    def _support_requests(self):
        requests = SupportRequest.objects.all()
        if self.region:
            requests = requests.filter(team__establishment__region=self.region)
        return requests

    def support_by_kind(self):
        """Support requests received in the period, by kind, and how long they took."""
        totals = {kind: (n, closed, duration) for kind, n, closed, duration in
                  self._support_requests().filter(self.period.q("created_at"))
                  .values_list("kind").annotate(
                      n=Count("pk"),
                      closed=Count("pk", filter=Q(status=SupportStatus.CLOSED)),
                      to_close=Avg(ExpressionWrapper(F("closed_at") - F("created_at"),
                                                     output_field=DurationField())))
                  .order_by()}
        rows = []
        for kind, label in SupportKind.choices:
            n, closed, duration = totals.get(kind, (0, 0, None))
            rows.append((label, n, closed, _days(duration)))
        return Table("soutien", _("Demandes de soutien par type"),
                     [_("Type de soutien"), _("Reçues"), _("Fermées"),
                      _("Jours, en moyenne, jusqu'à la fermeture")], rows)

    def support_time(self):
        """Time the coordinators gave to support, by coordinator, meetings of the period."""
        meetings = SupportMeeting.objects.filter(held_on__gte=self.period.start,
                                                 held_on__lte=self.period.end)
        if self.region:
            meetings = meetings.filter(request__team__establishment__region=self.region)
        sums = (meetings.values_list("coordinator__display_name")
                .annotate(minutes=Sum("minutes"), n=Count("pk"),
                          requests=Count("request", distinct=True))
                .order_by("coordinator__display_name"))
        rows = [(name or _("Compte supprimé"), round(minutes / 60, 1), n, requests)
                for name, minutes, n, requests in sums]
        return Table("soutien-temps", _("Temps consacré au soutien par la coordination"),
                     [_("Coordination"), _("Heures"), _("Rencontres"), _("Demandes")], rows)

    def plans(self):
        """Plans filled or changed in the period, and those the partners agreed with."""
        versions = PlanVersion.objects.filter(self.period.q("created_at"))
        plans = EngagementPlan.objects.all()
        if self.region:
            projects = self.projects()
            versions = versions.filter(plan__project__in=projects)
            plans = plans.filter(project__in=projects)
        changed = plans.filter(pk__in=versions.values("plan_id"))
        latest = (PlanVersion.objects.filter(plan=OuterRef("version__plan"))
                  .order_by("-number").values("number")[:1])
        agreed = (PlanAgreement.objects.filter(version__plan__in=changed,
                                               version__number=Subquery(latest))
                  .values("version__plan").distinct())
        totals = {"changed": changed.count(), "agreed": agreed.count()}
        rows = [
            (_("Plans remplis ou mis à jour"), totals["changed"]),
            (_("… dont la version actuelle a l'accord d'au moins un(e) partenaire"),
             totals["agreed"]),
            (_("Versions enregistrées"), versions.count()),
        ]
        return Table("plans", _("Plans d'engagement"), [_("Indicateur"), _("Nombre")], rows)

    def mentoring(self):
        requests = MentoringRequest.objects.filter(self.period.q("created_at"))
        mentorings = Mentoring.objects.all()
        hours = MentoringHours.objects.filter(worked_on__gte=self.period.start,
                                              worked_on__lte=self.period.end)
        offers = MentorOffer.objects.filter(active=True)
        if self.region:
            requests = requests.filter(member__region=self.region)
            mentorings = mentorings.filter(newcomer__region=self.region)
            hours = hours.filter(mentoring__newcomer__region=self.region)
            offers = offers.filter(member__region=self.region)
        totals = mentorings.aggregate(
            proposed=Count("pk", filter=self.period.q("proposed_at")),
            confirmed=Count("pk", filter=self.period.q("accepted_at")),
            active=Count("pk", filter=Q(status=MentoringStatus.ACCEPTED)))
        rows = [
            (_("Demandes de mentorat reçues"), requests.count()),
            (_("Mentorats proposés"), totals["proposed"]),
            (_("Mentorats confirmés par les deux personnes"), totals["confirmed"]),
            (_("Mentorats actifs aujourd'hui"), totals["active"]),
            (_("Offres de mentorat actives aujourd'hui"), offers.count()),
            (_("Heures de mentorat déclarées"),
             float(hours.aggregate(total=Sum("hours"))["total"] or 0)),
        ]
        return Table("mentorat", _("Mentorat entre pairs"), [_("Indicateur"), _("Valeur")],
                     rows)

    def activities_by_region(self):
        """Activities held (over) in the period, with the places taken and the people who
        came, by region; online activities have none."""
        activities = Activity.objects.published().filter(
            self.period.q("ends_at"), ends_at__lte=timezone.now())
        if self.region:
            activities = activities.filter(region=self.region)
        counts = (activities.values_list("region__name")
                  .annotate(held=Count("pk", distinct=True),
                            registered=Count("registrations", filter=Q(
                                registrations__status__in=HOLDS_A_PLACE)),
                            present=Count("registrations", filter=Q(
                                registrations__status=EnrolmentStatus.ATTENDED)))
                  .order_by(F("region__name").asc(nulls_last=True)))
        rows = [(name or _("En ligne"), held, registered, present)
                for name, held, registered, present in counts]
        return Table("activites", _("Activités tenues et présences par région"),
                     [_("Région"), _("Activités tenues"), _("Inscriptions"), _("Présences")],
                     rows)

    def resources_downloaded(self):
        counts = (Download.objects.filter(self.period.q("at")).values_list("resource__title")
                  .annotate(n=Count("pk")).order_by("-n", "resource__title"))
        return Table("ressources", _("Ressources téléchargées"),
                     [_("Ressource"), _("Téléchargements")], list(counts),
                     _("Liens suivis compris; toutes régions confondues."))

    def stories(self):
        stories = Story.objects.all()
        if self.region:
            stories = stories.filter(author__member__region=self.region)
        totals = stories.aggregate(
            submitted=Count("pk", filter=self.period.q("submitted_at")),
            published=Count("pk", filter=self.period.q("published_at")),
            withdrawn=Count("pk", filter=self.period.q("withdrawn_at")),
            online=Count("pk", filter=Q(status=StoryStatus.PUBLISHED)),
        )
        rows = [
            (_("Témoignages soumis"), totals["submitted"]),
            (_("Témoignages publiés"), totals["published"]),
            (_("Témoignages retirés par leur auteur(e)"), totals["withdrawn"]),
            (_("En ligne aujourd'hui"), totals["online"]),
        ]
        return Table("temoignages", _("Témoignages"), [_("Indicateur"), _("Nombre")], rows)

    def diversity(self):
        counts = self._member_counts
        rows = [(label, _hidden_if_small(counts[f"gender_{value}"]))
                for value, label in Gender.choices]
        rows += [(label, _hidden_if_small(counts[f"equity_{name}"]))
                 for name, label in EQUITY_QUESTIONS.items()]
        return Table("diversite", _("Diversité (réponses facultatives, agrégées)"),
                     [_("Groupe"), _("Membres")], rows,
                     _("Un groupe de moins de %(n)s personnes n'est pas affiché.")
                     % {"n": SMALL_GROUP})


def shared_tables(indicators: Indicators) -> tuple[datetime, list[Table]]:
    """(when they were computed, the tables) of `indicators`, shared by the coordinators."""
    region = indicators.region.pk if indicators.region else None
    cache_key = fragments.key(INDICATORS, versions=(INDICATORS, COMPLETIONS), parts=(
        indicators.period.start, indicators.period.end, region))
    return fragments.computed_once(
        cache_key, lambda: (timezone.now(), [table.in_words() for table in indicators.tables()]),
        timeout=SHARED_FOR)
