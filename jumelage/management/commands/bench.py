"""`make bench`: the matching ranking against its floor and its reference, at scale.

Synthetic members (e-mails ending in BENCH_DOMAIN) are created on the configured
database in batches, measured, then deleted; a rerun first removes what an interrupted
run left. Run it on its own database, never the test one.

Each size gives a JSON line: the ranking's time, its floor (counting the eligible
members), a plain count of the members using only member columns, and the Python
reference. The targets hold at 100,000 members: the ranking within 3 times its floor, and
at least 20 times faster than the reference. On PostgreSQL a last line (`--large`,
1,000,000 members by default) is generated with COPY and measured without the reference,
which would take minutes; other databases skip it and say so.
"""

import json
import random
import time
from datetime import timedelta
from itertools import chain

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communaute.enums import ContinuumStep, Domain, Language, MemberKind, MemberStatus, Modality
from communaute.models import HealthTopic, Member, Region, User
from formation.models import Completion, Course
from jumelage import engine, scoring
from jumelage.enums import PairingStatus
from jumelage.models import MatchingConfig, Pairing
from recrutement.models import Establishment, Project, Team

BENCH_DOMAIN = "@banc-essai.invalid"
BENCH_NAME = "Banc d'essai du jumelage"
BATCH = 5000
REPEAT = 5
ROUNDS = 3
# The rules a plain count can check on the member row alone.
MEMBER_COLUMN_RULES = (scoring.INACTIVE, scoring.NO_CONSENT, scoring.PAUSED, scoring.KIND,
                       scoring.LANGUAGE, scoring.REGION, scoring.NOT_IN_PERSON,
                       scoring.NOT_REMOTE, scoring.HYBRID_FAR, scoring.LEVEL)
STATUSES = [MemberStatus.ACTIVE] * 8 + [MemberStatus.PAUSED, MemberStatus.PENDING]
MODALITIES = [Modality.IN_PERSON, Modality.REMOTE, Modality.HYBRID, Modality.HYBRID]
PAIRING_STATUSES = [PairingStatus.ENDED, PairingStatus.ENDED, PairingStatus.ACTIVE,
                    PairingStatus.APPROVED, PairingStatus.DECLINED, PairingStatus.CANCELLED]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


class Command(BaseCommand):
    help = "Mesure le classement du jumelage sur des membres synthétiques (voir README)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000",
                            help="nombres de membres, séparés par des virgules")
        parser.add_argument("--large", type=int, default=1_000_000,
                            help="membres de la dernière mesure, générés par COPY sur "
                                 "PostgreSQL (0 : pas de dernière mesure)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true",
                            help="garder les données synthétiques après la mesure")

    def handle(self, *args, sizes, large, seed, keep, **options):
        sizes = sorted(int(size) for size in sizes.split(","))
        self.random = random.Random(seed)
        self.cleanup()
        try:
            project = self.setup()
            created = 0
            for size in sizes:
                self.create_members(created, size - created)
                created = size
                self.stdout.write(json.dumps(self.measure(project, size)))
            if large > created:
                if connection.vendor != "postgresql":
                    self.stdout.write(
                        f"{large} membres : mesure ignorée, car la génération par COPY "
                        f"demande PostgreSQL (base actuelle : {connection.vendor}; donner "
                        f"DATABASE_URL=postgres://…).")
                    return
                started = time.perf_counter()
                self.copy_members(created, large - created)
                generated = time.perf_counter() - started
                result = self.measure(project, large, reference=False)
                self.stdout.write(json.dumps({**result, "generated_s": round(generated)}))
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

    def member_values(self, now) -> dict:
        rnd = self.random
        return {
            "status": rnd.choice(STATUSES), "consent_matching": rnd.random() < 0.9,
            "kinds": rnd.randint(1, 7), "languages": rnd.choice([1, 1, 1, 3, 2]),
            "domains": rnd.randint(0, 31), "region_id": rnd.choice(self.regions).pk,
            "modality": rnd.choice(MODALITIES), "continuum_max": rnd.randint(1, 4),
            "hours_per_month": rnd.randint(1, 10), "max_projects": rnd.randint(1, 3),
            "age_range": "50_64", "municipality": "Québec", "activated_at": now,
        }

    def pairing_values(self, now) -> dict | None:
        """One member in twenty was solicited for the other project, up to 400 days ago."""
        rnd = self.random
        if rnd.random() >= 0.05:
            return None
        status = rnd.choice(PAIRING_STATUSES)
        approved_at = now - timedelta(days=rnd.randint(1, 400))
        return {"status": status, "approved_at": approved_at,
                "ended_at": (approved_at + timedelta(days=rnd.randint(0, 60))
                             if status == PairingStatus.ENDED else None)}

    def create_members(self, start: int, count: int) -> None:
        rnd, now = self.random, timezone.now()
        topic_link = Member.health_topics.through
        for offset in range(start, start + count, BATCH):
            n = min(BATCH, start + count - offset)
            with transaction.atomic():
                users = User.objects.bulk_create([
                    User(email=f"m{offset + i}{BENCH_DOMAIN}", display_name=f"Membre {offset + i}",
                         password="!")
                    for i in range(n)])
                members = Member.objects.bulk_create([
                    Member(user=user, **self.member_values(now)) for user in users])
                topic_link.objects.bulk_create([
                    topic_link(member_id=member.pk, healthtopic_id=topic.pk)
                    for member in members
                    for topic in rnd.sample(self.topics, rnd.randint(0, 3))])
                Completion.objects.bulk_create([
                    Completion(course=self.course, user=user)
                    for user in users if rnd.random() < 0.6])
                Pairing.objects.bulk_create([
                    Pairing(project=self.other_project, member=member, **values)
                    for member in members
                    if (values := self.pairing_values(now)) is not None])
        self.analyse()

    def copy_members(self, start: int, count: int) -> None:
        """The same members as create_members, written with COPY: minutes for a million."""
        rnd, now = self.random, timezone.now()
        topic_link = Member.health_topics.through
        with transaction.atomic():
            last_user = User.objects.aggregate(last=Max("pk"))["last"] or 0
            last_member = Member.objects.aggregate(last=Max("pk"))["last"] or 0
            self.copy(User, ({"email": f"m{i}{BENCH_DOMAIN}", "display_name": f"Membre {i}",
                              "password": "!"} for i in range(start, start + count)))
            users = list(User.objects.filter(pk__gt=last_user, email__endswith=BENCH_DOMAIN)
                         .order_by("pk").values_list("pk", flat=True))
            self.copy(Member, ({"user_id": user, **self.member_values(now)} for user in users))
            members = list(Member.objects.filter(pk__gt=last_member, user_id__in=users)
                           .order_by("pk").values_list("pk", flat=True))
            self.copy(topic_link, ({"member_id": member, "healthtopic_id": topic.pk}
                                   for member in members
                                   for topic in rnd.sample(self.topics, rnd.randint(0, 3))))
            self.copy(Completion, ({"course_id": self.course.pk, "user_id": user}
                                   for user in users if rnd.random() < 0.6))
            self.copy(Pairing, ({"project_id": self.other_project.pk, "member_id": member,
                                 **values} for member in members
                                if (values := self.pairing_values(now)) is not None))
        self.analyse()

    @staticmethod
    def copy(model, rows) -> None:
        """COPY `rows` (dicts of attribute names) into `model`'s table; every other column
        gets the field's default, read once."""
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return
        given = [f for f in fields if f.attname in first]
        defaults = tuple(f.get_db_prep_save(f.get_default(), connection)
                         for f in fields if f.attname not in first)
        columns = [f.column for f in given] + [f.column for f in fields
                                               if f.attname not in first]
        quote = connection.ops.quote_name
        sql = (f"COPY {quote(model._meta.db_table)} "
               f"({', '.join(quote(column) for column in columns)}) FROM STDIN")
        names = [f.attname for f in given]
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in chain([first], rows):
                copy.write_row([row[name] for name in names] + list(defaults))

    def analyse(self) -> None:
        if connection.vendor == "postgresql":
            # What autovacuum does on a live database (it may be off on this one): fresh
            # statistics, and the visibility map that lets the plans read indexes only.
            tables = [model._meta.db_table for model in
                      (User, Member, Member.health_topics.through, Completion, Pairing)]
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")

    def measure(self, project: Project, size: int, reference: bool = True) -> dict:
        config = MatchingConfig.load()
        weights = engine.weights_of(config)
        facts = engine.project_facts(project)
        plain = Member.objects.filter(*(
            condition for code, condition in
            engine.rule_conditions(facts, timezone.localdate()).items()
            if code in MEMBER_COLUMN_RULES))

        def rank():
            return engine.rank(project, weights=weights, limit=50, balanced=False)

        def floor():
            return engine.floor_count(facts)

        def count():
            return plain.count()

        # Best time of each after a warm-up, as timeit advises (other load only adds time),
        # the four measured in turns so that a slow spell of the machine hits all of them.
        functions = {"rank": rank, "floor": floor, "count": count}
        if reference:
            functions["python"] = lambda: engine.reference_rank(
                project, weights=weights, limit=50, facts=facts)
        best, results = dict.fromkeys(functions, float("inf")), {}
        for name, function in functions.items():
            results[name] = function()
        for _ in range(ROUNDS):
            for name, function in functions.items():
                for _ in range(1 if name == "python" else REPEAT):
                    started = time.perf_counter()
                    results[name] = function()
                    best[name] = min(best[name], time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            rank()
        result = {
            "members": size, "database": connection.vendor, "rank_ms": _ms(best["rank"]),
            "floor_ms": _ms(best["floor"]), "count_ms": _ms(best["count"]),
            "rank_over_floor": round(best["rank"] / best["floor"], 2),
            "rank_over_count": round(best["rank"] / best["count"], 2),
            "queries": len(queries),
        }
        summary = (f"{size} membres ({connection.vendor}), {results['floor']} admissibles, "
                   f"{results['count']} au compte simple : classement {result['rank_ms']} ms, "
                   f"plancher {result['floor_ms']} ms, compte simple {result['count_ms']} ms; "
                   f"classement/plancher {result['rank_over_floor']}, classement/compte "
                   f"{result['rank_over_count']}, {result['queries']} requêtes")
        if reference:
            same = ([(c.member.pk, c.score) for c in results["rank"]]
                    == [(r.member_id, r.score) for r in results["python"]])
            result.update(python_ms=_ms(best["python"]),
                          python_over_rank=round(best["python"] / best["rank"], 1),
                          same_as_reference=same)
            summary += (f"; Python {result['python_ms']} ms, Python/classement "
                        f"{result['python_over_rank']}; mêmes 50 premiers que la référence : "
                        f"{'oui' if same else 'NON'}")
        self.stdout.write(summary)
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
