"""`make bench`: the matching ranking against its floor and its reference, at scale.

Synthetic members (jumelage/synthetic.py, e-mails ending in BENCH_DOMAIN) are created on
the configured database (with COPY on PostgreSQL), measured, then deleted; a rerun first
removes what an interrupted run left. Run it on its own database, never the test one.

Each size gives a JSON line: the ranking's time, its floor (counting the eligible
members), a plain count of the members using only member columns, and the Python
reference. The targets hold at 100,000 members: the ranking within 3 times its floor, and
at least 20 times faster than the reference. On PostgreSQL a last line (`--large`,
1,000,000 members by default) is generated with COPY and measured without the reference,
which would take minutes; other databases skip it and say so.
"""

import json
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communaute.enums import ContinuumStep, Domain, Language, MemberKind, Modality
from communaute.models import Member
from jumelage import engine, scoring
from jumelage.models import MatchingConfig
from jumelage.synthetic import Synthetic
from recrutement.models import Project

BENCH_DOMAIN = "@banc-essai.invalid"
BENCH_NAME = "Banc d'essai du jumelage"
REPEAT = 5
ROUNDS = 3
# The rules a plain count can check on the member row alone.
MEMBER_COLUMN_RULES = (scoring.INACTIVE, scoring.NO_CONSENT, scoring.PAUSED, scoring.KIND,
                       scoring.LANGUAGE, scoring.REGION, scoring.NOT_IN_PERSON,
                       scoring.NOT_REMOTE, scoring.HYBRID_FAR, scoring.LEVEL)


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
        self.synthetic = Synthetic(name=BENCH_NAME, domain=BENCH_DOMAIN, seed=seed)
        self.synthetic.delete()
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
                self.create_members(created, large - created)
                generated = time.perf_counter() - started
                result = self.measure(project, large, reference=False)
                self.stdout.write(json.dumps({**result, "generated_s": round(generated)}))
        finally:
            if not keep:
                self.synthetic.delete()

    def setup(self) -> Project:
        synthetic = self.synthetic
        synthetic.places()
        self.course = synthetic.course("banc-essai-jumelage")
        team = synthetic.team()
        project = Project.objects.create(
            team=team, title=BENCH_NAME, summary=BENCH_NAME, description=BENCH_NAME,
            main_domain=Domain.RESEARCH, other_domains=[Domain.GOVERNANCE],
            continuum_step=ContinuumStep.COLLABORATION, org_level="meso",
            kinds_sought=[MemberKind.PATIENT, MemberKind.CAREGIVER],
            modality=Modality.HYBRID, languages=[Language.FRENCH], hours_per_month=4,
            contact_name=BENCH_NAME, contact_email=f"contact{BENCH_DOMAIN}", status="publie")
        project.regions.set(synthetic.regions[:2])
        project.health_topics.set(synthetic.topics[:3])
        project.required_courses.add(self.course)
        self.other_project = Project.objects.create(
            team=team, title=f"{BENCH_NAME} (autre)", summary=BENCH_NAME,
            description=BENCH_NAME, main_domain=Domain.CARE, continuum_step=1,
            org_level="meso", kinds_sought=[MemberKind.PATIENT], modality=Modality.REMOTE,
            languages=[Language.FRENCH], contact_name=BENCH_NAME,
            contact_email=f"contact{BENCH_DOMAIN}", status="publie")
        return project

    def create_members(self, start: int, count: int) -> None:
        self.synthetic.members(start, count, course=self.course,
                               projects=[self.other_project])

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
