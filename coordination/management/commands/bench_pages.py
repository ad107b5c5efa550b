"""`make bench-pages`: the site's pages at 100,000 members, served as in production.

Synthetic rows (jumelage/synthetic.py) are written with COPY on the configured
PostgreSQL database; the site is served by gunicorn with deploy/gunicorn.conf.py, one pool
for the public site and one for the coordinators' /admin/, as docker-compose.yml and
deploy/Caddyfile serve it; each page's 95th percentile is measured over several rounds,
pages interleaved within each round so that a slow spell of the machine hits them all,
as a ratio to `/sante/` (one `SELECT 1`) at one request at a time and at 20 at once.
A last measure is the 95th percentile of `/projets/` while 20 requests for the
coordinators' dashboard run, over its idle one. One JSON line sums it up. Run it on its
own database, never the test one.
"""

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from http.client import HTTPConnection
from importlib import import_module
from pathlib import Path

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse

from communaute import second_factor
from communaute.enums import (
    ContinuumStep,
    Domain,
    Language,
    MemberKind,
    MemberStatus,
    Modality,
    OrgLevel,
)
from communaute.models import Member, User
from communaute.roles import COORDINATION_GROUP
from formation.models import Completion, Enrolment, Session
from jumelage.enums import PairingStatus
from jumelage.models import Pairing, places_recount
from jumelage.synthetic import Synthetic
from recrutement.enums import Compensation, MatchRequestStatus
from recrutement.models import MatchRequest, Project

BENCH_DOMAIN = "@banc-pages.invalid"
BENCH_NAME = "Banc des pages"
COURSES = 8
CONCURRENCY = 20
TIMEOUT = 60.0
# Production settings, in plain HTTP on the loopback.
SERVER_ENV = {"DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0"}
# The web services of docker-compose.yml, each with what it sets over deploy/gunicorn.conf.py,
# and the proxy's rule (deploy/Caddyfile): /admin/ goes to coordination, the rest to web.
POOLS = {"web": {}, "coordination": {"WEB_CONCURRENCY": "1", "WEB_NICE": "10"}}
COORDINATION_PREFIX = "/admin/"


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Mesure les pages du site servi par gunicorn avec 100 000 membres (voir README)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=100_000)
        parser.add_argument("--projects", type=int, default=300)
        parser.add_argument("--rounds", type=int, default=5)
        parser.add_argument("--requests", type=int, default=8,
                            help="requêtes par page et par tour, une à la fois")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true",
                            help="garder les données synthétiques après la mesure")

    def handle(self, *args, members, projects, rounds, requests, seed, keep, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Ce banc d'essai écrit ses données par COPY : donner "
                               "DATABASE_URL=postgres://… (une base à lui, jamais celle des "
                               "tests).")
        self.random = random.Random(seed)
        self.synthetic = Synthetic(name=BENCH_NAME, domain=BENCH_DOMAIN, seed=seed)
        self.synthetic.delete()
        servers = []
        try:
            started = time.perf_counter()
            pages, cookies = self.seed(members, projects)
            self.stdout.write(f"{members} membres et {projects} projets créés en "
                              f"{time.perf_counter() - started:.0f} s.")
            servers, self.ports = self.serve()
            self.cookies = cookies
            result = self.measure(pages, rounds, requests)
            self.stdout.write(json.dumps({"members": members, "projects": projects,
                                          "rounds": rounds, **result}))
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
            if not keep:
                self.synthetic.delete()

    # The data --------------------------------------------------------------------------

    def seed(self, members: int, count: int):
        synthetic, rnd = self.synthetic, self.random
        synthetic.places()
        team = synthetic.team()
        courses = [synthetic.course(f"banc-pages-{i}", audience="tous") for i in range(COURSES)]
        now = synthetic.now
        Session.objects.bulk_create([
            Session(course=course, starts_at=now + timedelta(days=7 * week),
                    ends_at=now + timedelta(days=7 * week, hours=2), capacity=20,
                    registration_deadline=now + timedelta(days=7 * week - 1),
                    place="Québec")
            for course in courses for week in (1, 3)])
        projects = Project.objects.bulk_create([
            Project(team=team, title=f"{BENCH_NAME} {i}",
                    summary=f"Projet de recherche synthétique {i} sur les soins à domicile",
                    description="Un projet du banc d'essai. " * 20,
                    main_domain=rnd.choice(Domain.values),
                    other_domains=rnd.sample(Domain.values, 2),
                    continuum_step=rnd.choice(ContinuumStep.values),
                    org_level=rnd.choice(OrgLevel.values),
                    kinds_sought=rnd.sample(MemberKind.values, rnd.randint(1, 3)),
                    modality=rnd.choice(Modality.values), languages=[Language.FRENCH],
                    compensation=rnd.choice(Compensation.values), hours_per_month=4,
                    contact_name=BENCH_NAME, contact_email=f"contact{BENCH_DOMAIN}",
                    status="publie", published_at=now - timedelta(days=rnd.randint(0, 300)),
                    created_at=now - timedelta(days=rnd.randint(300, 540)))
            for i in range(count)])
        Project.regions.through.objects.bulk_create([
            Project.regions.through(project=project, region=region)
            for project in projects for region in rnd.sample(synthetic.regions, 2)])
        Project.health_topics.through.objects.bulk_create([
            Project.health_topics.through(project=project, healthtopic=topic)
            for project in projects for topic in rnd.sample(synthetic.topics, 2)])
        Project.required_courses.through.objects.bulk_create([
            Project.required_courses.through(project=project, course=courses[0])
            for project in projects])
        synthetic.members(0, members, course=courses[0], projects=projects[1:])
        synthetic.pairing_activity(projects)
        match_request = MatchRequest.objects.create(
            project=projects[0], people_count=3, needed_by=(now + timedelta(days=30)).date(),
            status=MatchRequestStatus.OPEN)
        member = self.member_with_history(projects, courses)
        coordinator = self.coordinator()
        pages = {
            "sante": ("/sante/", None),
            "home": ("/", None),
            "projects": ("/projets/", None),
            "projects_filtered": (f"/projets/?domain={Domain.RESEARCH}&kind="
                                  f"{MemberKind.PATIENT}&region={synthetic.regions[0].pk}"
                                  f"&language={Language.FRENCH}", None),
            "project": (f"/projets/{projects[1].pk}/", None),
            "courses": ("/formations/", None),
            "space": ("/espace/", "member"),
            "candidates": (reverse("admin:jumelage_candidats", args=[match_request.pk]),
                           "coordinator"),
            "dashboard": ("/admin/indicateurs/", "coordinator"),
        }
        cookies = {"member": self.session_cookie(member.user),
                   "coordinator": self.session_cookie(coordinator, passed_second_factor=True)}
        return pages, cookies

    def member_with_history(self, projects, courses) -> Member:
        """A member with an invitation, engagements and trainings, as /espace/ shows."""
        member = Member.objects.filter(user__email__endswith=BENCH_DOMAIN).order_by("pk")[0]
        Member.objects.filter(pk=member.pk).update(status=MemberStatus.ACTIVE,
                                                   consent_matching=True)
        Pairing.objects.filter(member=member)._raw_delete(connection.alias)
        now = self.synthetic.now
        statuses = [PairingStatus.APPROVED, PairingStatus.ACTIVE, PairingStatus.ACTIVE,
                    PairingStatus.ENDED, PairingStatus.ENDED, PairingStatus.DECLINED]
        Pairing.objects.bulk_create([
            Pairing(project=project, member=member, status=status,
                    approved_at=now - timedelta(days=90), answered_at=now - timedelta(days=85),
                    ended_at=now - timedelta(days=10) if status == PairingStatus.ENDED
                    else None)
            for project, status in zip(projects[-len(statuses):], statuses, strict=True)])
        places_recount(Member.objects.filter(pk=member.pk))
        Completion.objects.get_or_create(user=member.user, course=courses[1])
        Enrolment.objects.create(session=Session.objects.filter(course=courses[2]).first(),
                                 user=member.user)
        return member

    def coordinator(self) -> User:
        user = User.objects.create(email=f"coordination{BENCH_DOMAIN}", password="!",
                                   display_name="Coordination du banc", is_staff=True)
        user.groups.add(Group.objects.get_or_create(name=COORDINATION_GROUP)[0])
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP,
                                     data={"secret": "banc"})
        return user

    @staticmethod
    def session_cookie(user, passed_second_factor: bool = False) -> str:
        """A logged-in session, as django.contrib.auth.login leaves it."""
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if passed_second_factor:
            session[second_factor.SESSION_KEY] = str(user.pk)
        session.save()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    # The server ------------------------------------------------------------------------

    def serve(self):
        """gunicorn for each web service, as compose starts them: (processes, ports)."""
        root = Path(settings.BASE_DIR)
        var = root / "var" / "banc-pages"
        # The same secret key, so that the sessions made here are valid there.
        env = {**os.environ, **SERVER_ENV, "SECRET_KEY": settings.SECRET_KEY,
               "VAR_DIR": str(var)}
        # Tasks would go to a broker no worker reads; a GET enqueues none anyway.
        env.pop("CELERY_BROKER_URL", None)
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                       cwd=root, env=env, check=True)
        servers, ports = [], {}
        for name, overrides in POOLS.items():
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                ports[name] = probe.getsockname()[1]
            log = open(var / f"gunicorn-{name}.log", "w")  # noqa: SIM115 (the server's)
            servers.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "ruisss.wsgi:application",
                 "--config", str(root / "deploy" / "gunicorn.conf.py"),
                 "--bind", f"127.0.0.1:{ports[name]}", "--access-logfile", "/dev/null"],
                cwd=root, env={**env, **overrides}, stdout=log, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 60
        waiting = dict(ports)
        while waiting and time.monotonic() < deadline:
            for name, port in list(waiting.items()):
                try:
                    if self.get_status(port, "/sante/", None) == 200:
                        del waiting[name]
                except OSError:
                    pass
            if any(server.poll() is not None for server in servers):
                break
            time.sleep(0.5)
        if waiting:
            for server in servers:
                server.terminate()
            raise CommandError(f"gunicorn ne répond pas; voir {var}/gunicorn-*.log.")
        return servers, ports

    def get_status(self, port, path, cookie) -> int:
        conn = HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        try:
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    def timed_get(self, page) -> float:
        path, who = page
        started = time.perf_counter()
        try:
            pool = "coordination" if path.startswith(COORDINATION_PREFIX) else "web"
            status = self.get_status(self.ports[pool], path, self.cookies.get(who))
        except OSError:
            status = None
        elapsed = time.perf_counter() - started
        if status != 200:
            self.errors.append((path, status))
        return elapsed

    # The measures ----------------------------------------------------------------------

    def measure(self, pages: dict, rounds: int, requests: int) -> dict:
        self.errors = []
        alone = {name: [] for name in pages}
        together = {name: [] for name in pages}
        idle, loaded = [], []
        names = list(pages)
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            # Each process of each pool compiles its templates and opens its connections
            # on its first requests: the measures are of the site once it has started.
            for page in pages.values():
                for _ in range(2):
                    list(pool.map(self.timed_get, [page] * CONCURRENCY))
            for round_ in range(rounds):
                self.random.shuffle(names)
                for name in names:
                    alone[name] += [self.timed_get(pages[name]) for _ in range(requests)]
                    together[name] += list(pool.map(self.timed_get,
                                                    [pages[name]] * CONCURRENCY))
                idle += [self.timed_get(pages["projects"]) for _ in range(requests)]
                loaded += self.during_dashboards(pool, pages)
                self.stdout.write(f"tour {round_ + 1}/{rounds} terminé")
        result = {}
        for label, samples in (("c1", alone), ("c20", together)):
            base = p95(samples["sante"])
            result[f"sante_p95_ms_{label}"] = round(base * 1000, 1)
            result[label] = {name: round(p95(values) / base, 1)
                             for name, values in samples.items() if name != "sante"}
            # The ratios follow /sante/'s own spells; the times say what the pages took.
            result[f"{label}_p95_ms"] = {name: round(p95(values) * 1000, 1)
                                         for name, values in samples.items()}
        result["projects_during_dashboards_p95_ms"] = round(p95(loaded) * 1000, 1)
        result["projects_idle_p95_ms"] = round(p95(idle) * 1000, 1)
        result["projects_during_dashboards_over_idle"] = round(p95(loaded) / p95(idle), 1)
        result["errors"] = len(self.errors)
        for name in names:
            self.stdout.write(
                f"{pages[name][0][:60]:60} p95 {p95(alone[name]) * 1000:7.1f} ms seul, "
                f"{p95(together[name]) * 1000:7.1f} ms à {CONCURRENCY}")
        if self.errors:
            self.stdout.write(f"{len(self.errors)} réponses autres que 200, p. ex. "
                              f"{self.errors[:3]}")
        return result

    def during_dashboards(self, pool, pages) -> list[float]:
        """/projets/ one request at a time while CONCURRENCY dashboards are asked for."""
        dashboards = [pool.submit(self.timed_get, pages["dashboard"])
                      for _ in range(CONCURRENCY)]
        samples = []
        done = threading.Event()
        threading.Thread(target=lambda: (
            [future.result() for future in dashboards], done.set()), daemon=True).start()
        while not done.is_set() or not samples:
            samples.append(self.timed_get(pages["projects"]))
        return samples
