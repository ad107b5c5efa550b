"""Erasure and export, checked by introspection over every model of every installed app.

One person is given a row in every model that can lead to them, with a distinctive
string in every text field: rows that hang on them through foreign keys (their pairing,
the observation on that pairing, an e-mail about them sent to a coordinator…), and rows
of other people or teams that hold their address (the contact of a project). Their
account is then deleted through the page a member uses, and no field of any row, in any
model, may still hold their name, address, phone or one of those strings. The export,
from the same rows, must hold every one of them, every field.
"""

import importlib
import itertools
import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from communaute.models import Member, User
from communaute.personal_data import WITHHELD_FIELDS, sections
from communaute.services import account_delete
from communaute.signals import platform_app_labels
from jumelage import services as jumelage
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from recrutement.services import team_invite
from tests import factories

pytestmark = pytest.mark.django_db

# Relations that name a person as the one who acted on someone else's record (approved,
# confirmed, recorded, invited). The record is not about them: it stays, pointing to the
# anonymised account, and is not part of their export. Every other relation that leads
# to a person makes a record about them.
ACTOR_RELATIONS = {
    ("admin.LogEntry", "user"),
    ("communaute.AccessRecord", "by"),
    ("communaute.ConfidentialityIncident", "recorded_by"),
    ("communaute.Consent", "recorded_by"),
    ("formation.Completion", "confirmed_by"),
    ("recrutement.TeamInvitation", "invited_by"),
    ("recrutement.Project", "created_by"),
    ("recrutement.MatchRequest", "created_by"),
    ("jumelage.Pairing", "approved_by"),
    ("jumelage.HoursDeclaration", "confirmed_by"),
    ("jumelage.CompensationPayment", "recorded_by"),
    ("jumelage.Evaluation", "submitted_by"),
    ("accompagnement.SupportRequest", "created_by"),
    ("accompagnement.SupportRequest", "assigned_to"),
    ("accompagnement.SupportMeeting", "coordinator"),
    ("accompagnement.PlanVersion", "created_by"),
    ("mentorat.Mentoring", "approved_by"),
    ("temoignages.Story", "reviewed_by"),
}
PERSON = {"display_name": "Paulette Introspection", "legal_name": "Paula Légale-Introspection",
          "email": "paulette.introspection@exemple.ca", "phone": "418 555-0199"}
# Every string written about the person starts with this, short enough for any field.
MARK = "PAULINTRO"

_serial = itertools.count()


def _label(model) -> str:
    return model._meta.label


def _is_text(field) -> bool:
    return (not field.is_relation and not field.choices
            and isinstance(field, (models.CharField, models.TextField, models.JSONField)))


def _secret(model, field) -> str:
    text = f"{MARK}{next(_serial)} {_label(model)}.{field.name} — {PERSON['display_name']}"
    return text[: field.max_length] if field.max_length else text


def _neutral(field) -> str:
    text = f"neutre {next(_serial)}"
    return text[: field.max_length] if field.max_length else text


def _text_value(field, text):
    return {"texte": text} if isinstance(field, models.JSONField) else text


def subject_relations() -> list:
    """Every foreign key, in any installed app, that leads to a person (a User or a
    Member) through other such keys, actors' relations aside; in an order where the
    model each one points to comes first."""
    reached = {User, Member}
    found = []
    concrete = [m for m in apps.get_models() if not m._meta.proxy]
    while True:
        new = [(model, field) for model in concrete for field in model._meta.concrete_fields
               if field.is_relation and field.related_model in reached
               and model not in (User, Member) and (model, field) not in found
               and (_label(model), field.name) not in ACTOR_RELATIONS]
        if not new:
            return found
        found += new
        reached.update(model for model, _field in new)


class World:
    """Rows of every model, built from field types: the person's, and neutral ones."""

    def __init__(self, person: User):
        self.person = person
        self.of_person = {User: person, Member: person.member}
        self.neutral_rows = {}
        self.about_person = []   # rows about the person: exported, then erased
        self.others = []         # other people's records the person acted on: kept

    def neutral(self, model):
        """One row of `model` that has nothing to do with the person."""
        if model not in self.neutral_rows:
            if model is User:
                self.neutral_rows[model] = factories.UserFactory()
            elif model is Member:
                self.neutral_rows[model] = factories.MemberFactory()
            else:
                self.neutral_rows[model] = self.build(model, {}, _neutral)
        return self.neutral_rows[model]

    def build(self, model, fixed: dict, text_of):
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in fixed:
                continue
            if field.is_relation:
                if not field.null:
                    values[field.name] = self.neutral(field.related_model)
            elif field.choices:
                values[field.name] = field.choices[0][0]
            elif _is_text(field):
                values[field.name] = _text_value(field, text_of(field))
            elif field.has_default() or field.null:
                continue
            elif isinstance(field, models.DateTimeField):
                values[field.name] = timezone.now()
            elif isinstance(field, models.DateField):
                values[field.name] = timezone.localdate()
            elif isinstance(field, models.DecimalField):
                values[field.name] = Decimal(1)
            elif isinstance(field, models.BooleanField):
                values[field.name] = False
            else:
                values[field.name] = 1
        return model._default_manager.create(**values, **fixed)

    def fill(self):
        for model, field in subject_relations():
            row = self.build(model, {field.name: self.of_person[field.related_model]},
                             lambda f, model=model: _secret(model, f))
            self.of_person.setdefault(model, row)
            self.about_person.append(row)
        subject_models = {model for model, _field in subject_relations()}
        for model in self._platform_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.EmailField) and model is not User:
                    self.about_person.append(
                        self._addressed_to_person(model, field, model in subject_models))
        for label, name in sorted(ACTOR_RELATIONS):
            row = self.neutral(apps.get_model(label))
            setattr(row, name, self.person)
            row.save(update_fields=[name])
            self.others.append(row)
        for row in [self.person, self.person.member, *self.about_person]:
            LogEntry.objects.create(
                user=self.neutral(User), content_type=ContentType.objects.get_for_model(row),
                object_id=str(row.pk), object_repr=f"{MARK} {PERSON['display_name']}",
                action_flag=CHANGE, change_message=f"{MARK} {PERSON['email']}")
        return self

    def _addressed_to_person(self, model, email_field, about_person: bool):
        """A row that holds the person's address: in their own kind of record, all its
        text is theirs; in someone else's (a project), its name fields go with it."""
        def text_of(field):
            if about_person:
                return _secret(model, field)
            return PERSON["display_name"] if field.name.endswith("name") else _neutral(field)

        return self.build(model, {email_field.name: PERSON["email"]}, text_of)

    @staticmethod
    def _platform_models():
        return [m for label in platform_app_labels()
                for m in apps.get_app_config(label).get_models() if not m._meta.proxy]


@pytest.fixture
def world(db):
    person = factories.MemberFactory(user__display_name=PERSON["display_name"],
                                     user__legal_name=PERSON["legal_name"],
                                     user__email=PERSON["email"]).user
    for model, row in ((User, person), (Member, person.member)):
        model.objects.filter(pk=row.pk).update(**{
            f.name: _text_value(f, _secret(model, f)) for f in model._meta.concrete_fields
            if _is_text(f) and f.name not in ("email", "display_name", "legal_name")})
    User.objects.filter(pk=person.pk).update(phone=PERSON["phone"])
    person.refresh_from_db()
    return World(person).fill()


def _texts(row) -> str:
    return " ".join(json.dumps(f.value_from_object(row), ensure_ascii=False, default=str)
                    for f in row._meta.concrete_fields)


def _leaks(text: str) -> list[str]:
    return [s for s in (MARK, *PERSON.values()) if s.lower() in text.lower()]


def test_every_kind_of_record_about_a_person_is_filled(world):
    found = {(_label(m), f.name) for m, f in subject_relations()}
    # Found through two keys: an observation is on a pairing, which is the member's.
    assert {("jumelage.Observation", "pairing"), ("messagerie.Notification", "about"),
            ("account.EmailConfirmation", "email_address")} <= found
    filled = {type(row) for row in world.about_person}
    assert {m for m, _f in subject_relations()} <= filled


def test_deleting_the_account_leaves_nothing_of_the_person_in_any_model(client, world):
    client.force_login(world.person)
    response = client.post(reverse("supprimer_compte"), {"confirm": "on"})
    assert response.status_code == 302

    leaks = []
    for model in [*World._platform_models(), LogEntry, EmailAddress,
                  *(m for m, _f in subject_relations())]:
        for row in model._default_manager.all():
            found = _leaks(_texts(row))
            if found:
                leaks.append((_label(model), row.pk, found))
    assert leaks == []
    # Other people's records the person acted on stay, pointing to the erased account.
    for row in world.others:
        assert type(row)._default_manager.filter(pk=row.pk).exists(), _label(type(row))


def test_the_export_holds_every_record_about_the_person_and_every_field(client_for, world):
    response = client_for(world.person).get(reverse("mes_donnees_json"))
    data = json.loads(response.content)
    exported = {}
    for section in sections():
        rows = data[section.key] if isinstance(data[section.key], list) else [data[section.key]]
        expected = {f.name for f in section.model._meta.concrete_fields} | {
            f.name for f in section.model._meta.many_to_many}
        for row in rows:
            assert set(row) == expected - WITHHELD_FIELDS - section.withheld, section.key
            exported.setdefault(section.model, set()).add(row["id"])
    missing = [(_label(type(row)), row.pk) for row in world.about_person
               if row.pk not in exported.get(type(row), set())]
    assert missing == []
    assert data["user"]["phone"] == PERSON["phone"]
    assert MARK in data["member"]["lived_experience"]


def test_no_many_to_many_relation_leads_to_a_person():
    """A new one would need a row built for it here, and a place in the registry."""
    reached = {User, Member, *(m for m, _f in subject_relations())}
    relations = [(_label(m), f.name) for m in apps.get_models() for f in m._meta.many_to_many
                 if f.related_model in reached and m not in (User, Member)]
    assert relations == []


def test_emails_sent_to_others_about_a_member_go_with_the_member_account(
        patient, team, team_member, coordinator):
    """Through the real services: the team learns the member's address and phone, the
    coordinators read their observation; after the deletion, no e-mail says so."""
    User.objects.filter(pk=patient.user.pk).update(phone="418 555-0142")
    project = factories.ProjectFactory(team=team, contact_email=team_member.email)
    [pairing] = jumelage.pairings_approve(project=project, members=[patient], by=coordinator)
    jumelage.observation_send(pairing=pairing, message="Pourquoi moi? Je préfère le soir.")
    jumelage.pairing_accept(pairing=pairing, confidentiality=True)
    jumelage.pairing_end(pairing=pairing)
    team_invite(team=team, email="collegue@exemple.ca", invited_by=team_member)
    to_others = Notification.objects.exclude(recipient=patient.user)
    assert {n.kind for n in to_others.filter(about=patient.user)} == {
        NotificationKind.OBSERVATION, NotificationKind.TEAM_ANSWER, NotificationKind.EVALUATION}
    assert to_others.filter(about=team_member, kind=NotificationKind.TEAM_INVITATION).exists()
    names = (patient.user.display_name, patient.user.email, "418 555-0142", "Je préfère le soir")
    assert any(name in n.body_text for n in to_others for name in names)

    account_delete(user=patient.user)
    account_delete(user=team_member)
    for notification in Notification.objects.all():
        text = notification.subject + notification.body_text + notification.body_html
        assert not [name for name in (*names, team_member.display_name) if name in text]


def test_emails_written_before_about_existed_are_given_their_person_by_migration(
        patient, team, team_member, coordinator):
    project = factories.ProjectFactory(team=team, contact_email=team_member.email)
    [pairing] = jumelage.pairings_approve(project=project, members=[patient], by=coordinator)
    jumelage.observation_send(pairing=pairing, message="Une observation.")
    jumelage.pairing_accept(pairing=pairing, confidentiality=True)
    jumelage.pairing_end(pairing=pairing)
    team_invite(team=team, email="collegue@exemple.ca", invited_by=team_member)
    expected = dict(Notification.objects.values_list("pk", "about"))
    assert set(expected.values()) == {None, patient.user.pk, team_member.pk}
    Notification.objects.update(about=None)

    for module, function in (
            ("jumelage.migrations.0008_notifications_about_backfill",
             "notifications_about_members"),
            ("recrutement.migrations.0004_notifications_about_backfill",
             "invitations_about_inviters")):
        getattr(importlib.import_module(module), function)(apps, None)
    assert dict(Notification.objects.values_list("pk", "about")) == expected
