"""Synthetic members, projects and pairings for the benchmarks (`make bench`,
`make bench-pages`).

Every row is recognisable: e-mails end in the benchmark's `.invalid` domain and names
start with its name, so that `delete()` removes them with plain statements and a rerun
first clears what an interrupted run left. Members are written with COPY on PostgreSQL
(ruisss/bulk_copy.py), or in batches with bulk_create elsewhere; both give the same rows.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from communaute.enums import MemberStatus, Modality
from communaute.models import HealthTopic, Member, Region, User, topics_recount
from formation.models import Completion, Course, Enrolment, Session
from jumelage.enums import EvaluationSide, PairingStatus
from jumelage.models import (
    CompensationPayment,
    Evaluation,
    HoursDeclaration,
    Pairing,
    places_recount,
)
from recrutement.models import Establishment, MatchRequest, Project, Team
from ruisss.bulk_copy import copy_rows

BATCH = 5000
STATUSES = [MemberStatus.ACTIVE] * 8 + [MemberStatus.PAUSED, MemberStatus.PENDING]
MODALITIES = [Modality.IN_PERSON, Modality.REMOTE, Modality.HYBRID, Modality.HYBRID]
PAIRING_STATUSES = [PairingStatus.ENDED, PairingStatus.ENDED, PairingStatus.ACTIVE,
                    PairingStatus.APPROVED, PairingStatus.DECLINED, PairingStatus.CANCELLED]
BEGUN = (PairingStatus.ACTIVE, PairingStatus.ENDED)


class Synthetic:
    """A synthetic community named `name`, its accounts at `domain`."""

    def __init__(self, *, name: str, domain: str, seed: int):
        self.name, self.domain = name, domain
        self.random = random.Random(seed)
        self.now = timezone.now()
        self.regions: list[Region] = []
        self.topics: list[HealthTopic] = []

    def places(self, *, regions: int = 4, topics: int = 12) -> None:
        self.regions = [Region.objects.get_or_create(name=f"{self.name} {i}")[0]
                        for i in range(regions)]
        self.topics = [HealthTopic.objects.get_or_create(name=f"{self.name} {i}")[0]
                       for i in range(topics)]

    def team(self, kind: str = "recherche") -> Team:
        establishment, _ = Establishment.objects.get_or_create(
            name=self.name, defaults={"kind": "autre", "region": self.regions[0]})
        return Team.objects.create(name=self.name, kind=kind, establishment=establishment,
                                   status="verifiee")

    def course(self, slug: str, **fields) -> Course:
        return Course.objects.create(title=f"{self.name} {slug}", slug=slug,
                                     summary=self.name, format="asynchrone", **fields)

    def member_values(self) -> dict:
        rnd = self.random
        return {
            "status": rnd.choice(STATUSES), "consent_matching": rnd.random() < 0.9,
            "kinds": rnd.randint(1, 7), "languages": rnd.choice([1, 1, 1, 3, 2]),
            "domains": rnd.randint(0, 31), "region_id": rnd.choice(self.regions).pk,
            "modality": rnd.choice(MODALITIES), "continuum_max": rnd.randint(1, 4),
            "hours_per_month": rnd.randint(1, 10), "max_projects": rnd.randint(1, 3),
            "age_range": "50_64", "municipality": "Québec", "activated_at": self.now,
            "created_at": self.now - timedelta(days=rnd.randint(0, 540)),
        }

    def pairing_values(self, projects: list[Project]) -> dict | None:
        """One member in twenty was solicited for one of `projects`, up to 400 days ago."""
        rnd = self.random
        if rnd.random() >= 0.05:
            return None
        status = rnd.choice(PAIRING_STATUSES)
        approved_at = self.now - timedelta(days=rnd.randint(1, 400))
        answered = status not in (PairingStatus.APPROVED, PairingStatus.CANCELLED)
        return {"project_id": rnd.choice(projects).pk, "status": status,
                "proposed_at": approved_at - timedelta(days=2), "approved_at": approved_at,
                "answered_at": approved_at + timedelta(days=3) if answered else None,
                "ended_at": (approved_at + timedelta(days=rnd.randint(3, 60))
                             if status == PairingStatus.ENDED else None)}

    def members(self, start: int, count: int, *, course: Course,
                projects: list[Project]) -> None:
        """`count` members numbered from `start`, each with 0 to 3 health topics; three in
        five completed `course`, one in twenty was solicited for one of `projects`."""
        if connection.vendor == "postgresql":
            with transaction.atomic():
                self._copy_members(start, count, course, projects)
        else:
            for offset in range(start, start + count, BATCH):
                with transaction.atomic():
                    self._create_members(offset, min(BATCH, start + count - offset), course,
                                         projects)
        self.analyse()

    def _links(self, users: list[int], members: list[int], course: Course,
               projects: list[Project]):
        rnd = self.random
        topics = [{"member_id": member, "healthtopic_id": topic.pk}
                  for member in members
                  for topic in rnd.sample(self.topics, rnd.randint(0, 3))]
        completions = [{"course_id": course.pk, "user_id": user}
                       for user in users if rnd.random() < 0.6]
        pairings = [{"member_id": member, **values} for member in members
                    if (values := self.pairing_values(projects)) is not None]
        return topics, completions, pairings

    def _copy_members(self, start, count, course, projects) -> None:
        last_user = User.objects.aggregate(last=Max("pk"))["last"] or 0
        last_member = Member.objects.aggregate(last=Max("pk"))["last"] or 0
        copy_rows(User, ({"email": f"m{i}{self.domain}", "display_name": f"Membre {i}",
                          "password": "!"} for i in range(start, start + count)))
        users = list(User.objects.filter(pk__gt=last_user, email__endswith=self.domain)
                     .order_by("pk").values_list("pk", flat=True))
        copy_rows(Member, ({"user_id": user, **self.member_values()} for user in users))
        members = list(Member.objects.filter(pk__gt=last_member, user_id__in=users)
                       .order_by("pk").values_list("pk", flat=True))
        topics, completions, pairings = self._links(users, members, course, projects)
        copy_rows(Member.health_topics.through, topics)
        copy_rows(Completion, completions)
        copy_rows(Pairing, pairings)
        _places_recount(pairings)
        _topics_recount(members)

    def _create_members(self, start, count, course, projects) -> None:
        users = User.objects.bulk_create([
            User(email=f"m{i}{self.domain}", display_name=f"Membre {i}", password="!")
            for i in range(start, start + count)])
        members = Member.objects.bulk_create([
            Member(user=user, **self.member_values()) for user in users])
        topics, completions, pairings = self._links(
            [u.pk for u in users], [m.pk for m in members], course, projects)
        Member.health_topics.through.objects.bulk_create([
            Member.health_topics.through(**row) for row in topics])
        Completion.objects.bulk_create([Completion(**row) for row in completions])
        Pairing.objects.bulk_create([Pairing(**row) for row in pairings])
        _places_recount(pairings)
        _topics_recount([m.pk for m in members])

    def pairing_activity(self, projects: list[Project]) -> None:
        """Hours, payments and evaluations for the engagements begun on `projects`, as the
        coordinators' dashboard counts them."""
        rnd, now = self.random, self.now
        begun = list(Pairing.objects.filter(project__in=projects, status__in=BEGUN)
                     .values_list("pk", "status", "ended_at"))
        write = copy_rows if connection.vendor == "postgresql" else _bulk_create
        with transaction.atomic():
            write(HoursDeclaration, (
                {"pairing_id": pk, "hours": Decimal(rnd.randint(1, 8)),
                 "worked_on": (now - timedelta(days=rnd.randint(0, 360))).date(),
                 "confirmed_at": now if rnd.random() < 0.7 else None}
                for pk, _status, _ended in begun for _ in range(2)))
            write(CompensationPayment, (
                {"pairing_id": pk, "amount": Decimal(rnd.randint(20, 300)),
                 "paid_on": (now - timedelta(days=rnd.randint(0, 360))).date()}
                for pk, _status, _ended in begun if rnd.random() < 0.3))
            write(Evaluation, (
                {"pairing_id": pk, "side": side, "satisfaction": rnd.randint(1, 5),
                 "submitted_at": ended}
                for pk, status, ended in begun if status == PairingStatus.ENDED
                for side in EvaluationSide.values if rnd.random() < 0.6))
        self.analyse()

    def analyse(self) -> None:
        if connection.vendor == "postgresql":
            # What autovacuum does on a live database (it may be off on this one): fresh
            # statistics, and the visibility map that lets the plans read indexes only.
            tables = [model._meta.db_table for model in
                      (User, Member, Member.health_topics.through, Completion, Pairing,
                       HoursDeclaration, Evaluation)]
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")

    def delete(self) -> None:
        """Delete the synthetic rows with plain statements: 100,000 rows in seconds."""
        alias = connection.alias
        members = Member.objects.filter(user__email__endswith=self.domain)
        users = User.objects.filter(email__endswith=self.domain)
        pairings = Pairing.objects.filter(member__in=members)
        with transaction.atomic():
            for model in (HoursDeclaration, CompensationPayment, Evaluation):
                model.objects.filter(pairing__in=pairings)._raw_delete(alias)
            pairings._raw_delete(alias)
            Member.health_topics.through.objects.filter(member__in=members)._raw_delete(alias)
            Completion.objects.filter(user__in=users)._raw_delete(alias)
            Enrolment.objects.filter(user__in=users)._raw_delete(alias)
            members._raw_delete(alias)
            # The few accounts that log in (authenticator, groups) go through the ORM.
            users.filter(is_staff=True).delete()
            users._raw_delete(alias)
            MatchRequest.objects.filter(project__title__startswith=self.name).delete()
            Project.objects.filter(title__startswith=self.name).delete()
            Team.objects.filter(name__startswith=self.name).delete()
            Establishment.objects.filter(name=self.name).delete()
            Session.objects.filter(course__title__startswith=self.name).delete()
            Completion.objects.filter(course__title__startswith=self.name)._raw_delete(alias)
            Course.objects.filter(title__startswith=self.name).delete()
            HealthTopic.objects.filter(name__startswith=self.name).delete()
            Region.objects.filter(name__startswith=self.name).delete()


def _places_recount(pairings: list[dict]) -> None:
    """Pairings written in bulk send no signal: their members' places are recounted here."""
    places_recount(Member.objects.filter(pk__in={row["member_id"] for row in pairings}))


def _topics_recount(members: list[int]) -> None:
    """Topics linked in bulk send no signal either; the members were numbered in a row."""
    if members:
        topics_recount(Member.objects.filter(pk__range=(min(members), max(members))))


def _bulk_create(model, rows) -> None:
    model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
