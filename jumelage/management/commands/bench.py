"""`make bench`: the matching ranking against its floor and its reference, at scale.

Synthetic members (e-mails ending in BENCH_DOMAIN) are created on the configured
database in batches, measured, then deleted; a rerun first removes what an interrupted
run left. Run it on its own database, never the test one.
"""

import json
import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communaute.enums import ContinuumStep, Domain, Language, MemberKind, MemberStatus, Modality
from communaute.models import HealthTopic, Member, Region, User
from formation.models import Completion, Course
from jumelage import engine
from jumelage.enums import PairingStatus
from jumelage.models import MatchingConfig, Pairing
from recrutement.models import Establishment, Project, Team

BENCH_DOMAIN = "@banc-essai.invalid"
BENCH_NAME = "Banc d'essai du jumelage"
BATCH = 5000
REPEAT = 5
ROUNDS = 3


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


class Command(BaseCommand):
    help = "Mesure le classement du jumelage sur des membres synthétiques (voir README)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000",
                            help="nombres de membres, séparés par des virgules")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true",
                            help="garder les données synthétiques après la mesure")

    def handle(self, *args, sizes, seed, keep, **options):
        sizes = sorted(int(size) for size in sizes.split(","))
        self.random = random.Random(seed)
        self.cleanup()
        try:
            project = self.setup()
            created, last = 0, None
            for size in sizes:
                self.create_members(created, size - created)
                created = size
                last = self.measure(project, size)
            self.stdout.write(json.dumps(last))
        finally:
            if not keep:
                self.cleanup()

    def setup(self) -> Project:
        self.regions = [Region.objects.get_or_create(name=f"{BENCH_NAME} {i}")[0]
                        for i in range(4)]
        self.topics = [HealthTopic.objects.get_or_create(name=f"{BENCH_NAME} {i}")[0]
                       for i in range(12)]
        self.course = Course.objects.create(title=BENCH_NAME, slug="banc-essai-jumelage",
                                            summary=BENCH_NAME, format="asynchrone")
        establishment = Establishment.objects.create(name=BENCH_NAME, kind="autre")
        team = Team.objects.create(name=BENCH_NAME, kind="recherche",
                                   establishment=establishment, status="verifiee")
        project = Project.objects.create(
            team=team, title=BENCH_NAME, summary=BENCH_NAME, description=BENCH_NAME,
            main_domain=Domain.RESEARCH, other_domains=[Domain.GOVERNANCE],
            continuum_step=ContinuumStep.COLLABORATION, org_level="meso",
            kinds_sought=[MemberKind.PATIENT, MemberKind.CAREGIVER],
            modality=Modality.HYBRID, languages=[Language.FRENCH], hours_per_month=4,
            contact_name=BENCH_NAME, contact_email=f"contact{BENCH_DOMAIN}", status="publie")
        project.regions.set(self.regions[:2])
        project.health_topics.set(self.topics[:3])
        project.required_courses.add(self.course)
        self.other_project = Project.objects.create(
            team=team, title=f"{BENCH_NAME} (autre)", summary=BENCH_NAME,
            description=BENCH_NAME, main_domain=Domain.CARE, continuum_step=1,
            org_level="meso", kinds_sought=[MemberKind.PATIENT], modality=Modality.REMOTE,
            languages=[Language.FRENCH], contact_name=BENCH_NAME,
            contact_email=f"contact{BENCH_DOMAIN}", status="publie")
        return project

    def create_members(self, start: int, count: int) -> None:
        rnd, now = self.random, timezone.now()
        statuses = [MemberStatus.ACTIVE] * 8 + [MemberStatus.PAUSED, MemberStatus.PENDING]
        topic_link = Member.health_topics.through
        for offset in range(start, start + count, BATCH):
            n = min(BATCH, start + count - offset)
            with transaction.atomic():
                users = User.objects.bulk_create([
                    User(email=f"m{offset + i}{BENCH_DOMAIN}", display_name=f"Membre {offset + i}",
                         password="!")
                    for i in range(n)])
                members = Member.objects.bulk_create([
                    Member(user=user, status=rnd.choice(statuses),
                           consent_matching=rnd.random() < 0.9,
                           kinds=rnd.randint(1, 7), languages=rnd.choice([1, 1, 1, 3, 2]),
                           domains=rnd.randint(0, 31), region=rnd.choice(self.regions),
                           continuum_max=rnd.randint(1, 4), hours_per_month=rnd.randint(1, 10),
                           max_projects=rnd.randint(1, 3), age_range="50_64",
                           municipality="Québec", activated_at=now)
                    for user in users])
                topic_link.objects.bulk_create([
                    topic_link(member_id=member.pk, healthtopic_id=topic.pk)
                    for member in members
                    for topic in rnd.sample(self.topics, rnd.randint(0, 3))])
                Completion.objects.bulk_create([
                    Completion(course=self.course, user=user)
                    for user in users if rnd.random() < 0.6])
                Pairing.objects.bulk_create([
                    Pairing(project=self.other_project, member=member,
                            status=rnd.choice([PairingStatus.ENDED, PairingStatus.ACTIVE]),
                            approved_at=now - timedelta(days=rnd.randint(1, 400)))
                    for member in members if rnd.random() < 0.05])
        if connection.vendor == "postgresql":
            # What autovacuum does on a live database (it may be off on this one): fresh
            # statistics, and the visibility map that lets the plans read indexes only.
            tables = [model._meta.db_table for model in
                      (User, Member, topic_link, Completion, Pairing)]
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")

    def measure(self, project: Project, size: int) -> dict:
        config = MatchingConfig.load()
        weights = engine.weights_of(config)
        facts = engine.project_facts(project)

        def rank():
            return engine.rank(project, weights=weights, limit=50, balanced=False)

        def floor():
            return engine.floor_count(facts)

        # Best time of each after a warm-up, as timeit advises (other load only adds time),
        # the three measured in turns so that a slow spell of the machine hits all of them.
        functions = {"rank": rank, "floor": floor,
                     "python": lambda: engine.reference_rank(project, weights=weights,
                                                             limit=50, facts=facts)}
        best, results = dict.fromkeys(functions, float("inf")), {}
        for name, function in functions.items():
            results[name] = function()
        for _ in range(ROUNDS):
            for name, function in functions.items():
                for _ in range(1 if name == "python" else REPEAT):
                    started = time.perf_counter()
                    results[name] = function()
                    best[name] = min(best[name], time.perf_counter() - started)
        rank_s, floor_s, python_s = best["rank"], best["floor"], best["python"]
        candidates, eligible, reference = results["rank"], results["floor"], results["python"]
        with CaptureQueriesContext(connection) as queries:
            rank()
        same = ([(c.member.pk, c.score) for c in candidates]
                == [(r.member_id, r.score) for r in reference])
        result = {
            "members": size, "rank_ms": _ms(rank_s), "python_ms": _ms(python_s),
            "floor_ms": _ms(floor_s), "rank_over_floor": round(rank_s / floor_s, 2),
            "python_over_rank": round(python_s / rank_s, 1), "queries": len(queries),
        }
        self.stdout.write(
            f"{size} membres ({connection.vendor}), {eligible} admissibles : "
            f"classement {result['rank_ms']} ms, plancher {result['floor_ms']} ms, "
            f"Python {result['python_ms']} ms; classement/plancher "
            f"{result['rank_over_floor']}, Python/classement {result['python_over_rank']}, "
            f"{result['queries']} requêtes; mêmes 50 premiers que la référence : "
            f"{'oui' if same else 'NON'}")
        return result

    def cleanup(self) -> None:
        """Delete the synthetic rows with plain statements: 100,000 rows in seconds."""
        members = Member.objects.filter(user__email__endswith=BENCH_DOMAIN)
        with transaction.atomic():
            Pairing.objects.filter(project__title__startswith=BENCH_NAME)._raw_delete(
                connection.alias)
            Member.health_topics.through.objects.filter(member__in=members)._raw_delete(
                connection.alias)
            Completion.objects.filter(user__email__endswith=BENCH_DOMAIN)._raw_delete(
                connection.alias)
            members._raw_delete(connection.alias)
            User.objects.filter(email__endswith=BENCH_DOMAIN)._raw_delete(connection.alias)
            Project.objects.filter(title__startswith=BENCH_NAME).delete()
            Team.objects.filter(name=BENCH_NAME).delete()
            Establishment.objects.filter(name=BENCH_NAME).delete()
            Course.objects.filter(slug="banc-essai-jumelage").delete()
            HealthTopic.objects.filter(name__startswith=BENCH_NAME).delete()
            Region.objects.filter(name__startswith=BENCH_NAME).delete()
