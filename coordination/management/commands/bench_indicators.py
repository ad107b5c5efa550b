"""`make bench-indicators`: the coordinators' dashboard at 100,000 members.

Synthetic rows (e-mails ending in BENCH_DOMAIN, names starting with BENCH_NAME) are
created in bulk on the configured database, the dashboard's tables are built a few
times, then everything is deleted; a rerun first removes what an interrupted run left.
Run it on its own database, never the test one.
"""

import json
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communaute.enums import (
    ContinuumStep,
    Domain,
    EquityAnswer,
    Gender,
    Language,
    MemberKind,
    MemberStatus,
    Modality,
    OrgLevel,
)
from communaute.models import Member, Region, User
from coordination.indicators import Indicators, Period
from jumelage.enums import EvaluationSide, PairingStatus
from jumelage.models import CompensationPayment, Evaluation, HoursDeclaration, Pairing
from recrutement.enums import Compensation, MatchRequestStatus, ProjectStatus, TeamKind
from recrutement.models import Establishment, MatchRequest, Project, Team

BENCH_DOMAIN = "@banc-indicateurs.invalid"
BENCH_NAME = "Banc des indicateurs"
BATCH = 5000
PROJECTS = 100


class Command(BaseCommand):
    help = "Mesure le tableau de bord des indicateurs sur des données synthétiques."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=100_000)
        parser.add_argument("--pairings", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=5, help="mesures (médiane)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true",
                            help="garder les données synthétiques après la mesure")

    def handle(self, *args, members, pairings, runs, seed, keep, **options):
        if pairings > members:
            raise ValueError("--pairings ne peut dépasser --members (un jumelage par membre).")
        self.random = random.Random(seed)
        self.now = timezone.now()
        self.cleanup()
        try:
            started = time.perf_counter()
            self.setup()
            member_ids = self.create_members(members)
            self.create_pairings(member_ids[:pairings])
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            self.stdout.write(f"{members} membres et {pairings} jumelages créés en "
                              f"{time.perf_counter() - started:.1f} s ({connection.vendor}).")
            result = {"members": members, "pairings": pairings,
                      **self.measure(runs)}
            self.stdout.write(json.dumps(result))
        finally:
            if not keep:
                self.cleanup()

    def setup(self) -> None:
        rnd = self.random
        self.regions = [Region.objects.get_or_create(name=f"{BENCH_NAME} {i}")[0]
                        for i in range(5)]
        establishment = Establishment.objects.create(name=BENCH_NAME, kind="autre",
                                                     region=self.regions[0])
        teams = [Team.objects.create(name=f"{BENCH_NAME} {i}", kind=kind,
                                     establishment=establishment, status="verifiee")
                 for i, kind in enumerate(TeamKind.values)]
        self.projects = Project.objects.bulk_create([
            Project(team=rnd.choice(teams), title=f"{BENCH_NAME} {i}", summary=BENCH_NAME,
                    description=BENCH_NAME, main_domain=rnd.choice(Domain.values),
                    continuum_step=rnd.choice(ContinuumStep.values),
                    org_level=rnd.choice(OrgLevel.values), kinds_sought=[MemberKind.PATIENT],
                    modality=Modality.REMOTE, languages=[Language.FRENCH],
                    compensation=rnd.choice(Compensation.values),
                    contact_name=BENCH_NAME, contact_email=f"contact{BENCH_DOMAIN}",
                    status=rnd.choice(ProjectStatus.values),
                    created_at=self.now - timedelta(days=rnd.randint(0, 540)))
            for i in range(PROJECTS)])
        self.requests = MatchRequest.objects.bulk_create([
            MatchRequest(project=project, people_count=2,
                         needed_by=(project.created_at + timedelta(days=30)).date(),
                         status=rnd.choice(MatchRequestStatus.values),
                         created_at=project.created_at + timedelta(days=1))
            for project in self.projects])

    def create_members(self, count: int) -> list[int]:
        rnd, ids = self.random, []
        answers = [EquityAnswer.YES, "", "", ""]
        for offset in range(0, count, BATCH):
            n = min(BATCH, count - offset)
            with transaction.atomic():
                users = User.objects.bulk_create([
                    User(email=f"m{offset + i}{BENCH_DOMAIN}", display_name=f"Membre {offset + i}",
                         password="!")
                    for i in range(n)])
                members = Member.objects.bulk_create([
                    Member(user=user, status=rnd.choice(MemberStatus.values),
                           kinds=rnd.randint(1, 7), languages=1, domains=rnd.randint(0, 31),
                           region=rnd.choice(self.regions),
                           continuum_max=rnd.choice(ContinuumStep.values),
                           gender=rnd.choice(Gender.values + [""]),
                           indigenous=rnd.choice(answers), racialized=rnd.choice(answers),
                           disability=rnd.choice(answers), immigrant=rnd.choice(answers),
                           age_range="50_64", municipality="Québec",
                           created_at=self.now - timedelta(days=rnd.randint(0, 540)))
                    for user in users])
                ids.extend(member.pk for member in members)
        return ids

    def create_pairings(self, member_ids: list[int]) -> None:
        rnd, now = self.random, self.now
        for offset in range(0, len(member_ids), BATCH):
            with transaction.atomic():
                pairings = Pairing.objects.bulk_create([
                    self._pairing(member_id, index)
                    for index, member_id in enumerate(member_ids[offset:offset + BATCH],
                                                      start=offset)])
                begun = [p for p in pairings
                         if p.status in (PairingStatus.ACTIVE, PairingStatus.ENDED)]
                HoursDeclaration.objects.bulk_create([
                    HoursDeclaration(pairing=pairing, hours=Decimal(rnd.randint(1, 8)),
                                     worked_on=(now - timedelta(days=rnd.randint(0, 360))).date(),
                                     confirmed_at=now if rnd.random() < 0.7 else None)
                    for pairing in begun for _ in range(2)])
                CompensationPayment.objects.bulk_create([
                    CompensationPayment(pairing=pairing, amount=Decimal(rnd.randint(20, 300)),
                                        paid_on=(now - timedelta(days=rnd.randint(0, 360))).date())
                    for pairing in begun if rnd.random() < 0.3])
                Evaluation.objects.bulk_create([
                    Evaluation(pairing=pairing, side=side, satisfaction=rnd.randint(1, 5),
                               submitted_at=pairing.ended_at)
                    for pairing in begun if pairing.status == PairingStatus.ENDED
                    for side in EvaluationSide.values if rnd.random() < 0.6])

    def _pairing(self, member_id: int, index: int) -> Pairing:
        rnd = self.random
        status = rnd.choice(PairingStatus.values)
        proposed = self.now - timedelta(days=rnd.randint(30, 400))
        answered = status not in (PairingStatus.PROPOSED, PairingStatus.APPROVED)
        return Pairing(
            project=self.projects[index % PROJECTS], member_id=member_id, status=status,
            match_request=self.requests[index % PROJECTS], proposed_at=proposed,
            approved_at=proposed + timedelta(days=2) if status != PairingStatus.PROPOSED
            else None,
            answered_at=proposed + timedelta(days=5) if answered else None,
            ended_at=proposed + timedelta(days=25) if status == PairingStatus.ENDED else None)

    def measure(self, runs: int) -> dict:
        period = Period.last_months(12)
        region = self.regions[1]

        def timed(indicators):
            indicators.tables()  # warm-up: the first run also pays for the caches
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                indicators.tables()
                times.append(time.perf_counter() - started)
            return round(statistics.median(times) * 1000, 1)

        all_ms = timed(Indicators(period))
        region_ms = timed(Indicators(period, region))
        with CaptureQueriesContext(connection) as queries:
            tables = Indicators(period).tables()
        self.stdout.write(
            f"Tableau de bord ({len(tables)} tableaux) : {all_ms} ms (médiane de {runs}), "
            f"{region_ms} ms filtré sur une région; {len(queries)} requêtes.")
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        for query in slowest:
            self.stdout.write(f"  {float(query['time']) * 1000:.1f} ms : {query['sql'][:110]}…")
        return {"dashboard_ms": all_ms, "dashboard_region_ms": region_ms,
                "queries": len(queries)}

    def cleanup(self) -> None:
        """Delete the synthetic rows with plain statements: 100,000 rows in seconds."""
        pairings = Pairing.objects.filter(project__title__startswith=BENCH_NAME)
        members = Member.objects.filter(user__email__endswith=BENCH_DOMAIN)
        alias = connection.alias
        with transaction.atomic():
            for model in (HoursDeclaration, CompensationPayment, Evaluation):
                model.objects.filter(pairing__in=pairings)._raw_delete(alias)
            pairings._raw_delete(alias)
            MatchRequest.objects.filter(project__title__startswith=BENCH_NAME)._raw_delete(
                alias)
            Member.health_topics.through.objects.filter(member__in=members)._raw_delete(alias)
            members._raw_delete(alias)
            User.objects.filter(email__endswith=BENCH_DOMAIN)._raw_delete(alias)
            Project.objects.filter(title__startswith=BENCH_NAME).delete()
            Team.objects.filter(name__startswith=BENCH_NAME).delete()
            Establishment.objects.filter(name=BENCH_NAME).delete()
            Region.objects.filter(name__startswith=BENCH_NAME).delete()
