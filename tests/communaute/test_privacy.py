import importlib
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, models
from django.urls import reverse
from django.utils import timezone

from communaute.enums import ConsentKind, DeletionReason, MemberStatus
from communaute.models import (
    Consent,
    DeletionRecord,
    HealthTopic,
    Member,
    Region,
    RetentionPolicy,
    User,
)
from communaute.services import (
    consent_record,
    member_register,
    new_members_digest_send,
    retention_sweep,
)
from jumelage.enums import PairingStatus
from jumelage.models import Evaluation, HoursDeclaration
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.conftest import visitor_request

pytestmark = pytest.mark.django_db

@pytest.fixture
def rich_member(patient, coordinator):
    """A member with something in every kind of record that points to them."""
    user = patient.user
    user.phone = "418 555-0142"
    user.legal_name = "Paulette Patiente-Légale"
    user.save()
    patient.municipality = "Saint-Ferréol-les-Neiges"
    patient.lived_experience = "Diagnostic rare en 2019"
    patient.care_trajectories = "Clinique des maladies rares"
    patient.accommodations = "Interprète en LSQ"
    patient.gender = "femme"
    patient.save()
    patient.health_topics.add(factories.HealthTopicFactory(name="Maladie rare"))
    consent_record(member=patient, kind=ConsentKind.SENSITIVE, given=True)
    consent_record(member=patient, kind=ConsentKind.MATCHING, given=True)
    pairing = factories.PairingFactory(member=patient, status=PairingStatus.ENDED,
                                       hours_given=5,
                                       interest_message="Paulette aime la recherche",
                                       feedback="Très bien, Paulette")
    factories.HoursDeclarationFactory(pairing=pairing, note="Comité chez Paulette")
    factories.EvaluationFactory(pairing=pairing, what_worked="Paulette a tout relu")
    factories.EnrolmentFactory(user=user)
    factories.CompletionFactory(user=user)
    factories.TeamMembershipFactory(user=user, role_title="Patiente-ressource")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP,
                                 data={"secret": factories.TOTP_SECRET})
    Notification.objects.create(kind=NotificationKind.ACCOUNT, recipient=user,
                                email=user.email, subject="Bonjour Paule Patiente",
                                body_text="Bonjour Paule Patiente")
    LogEntry.objects.create(user=coordinator, content_type=ContentType.objects.get_for_model(
        Member), object_id=str(patient.pk), object_repr=str(patient), action_flag=CHANGE,
        change_message="Municipalité Saint-Ferréol-les-Neiges")
    return patient


def _personal_values(member):
    user = member.user
    return [user.email, user.display_name, user.legal_name, user.phone, member.municipality,
            member.lived_experience, member.care_trajectories, member.accommodations,
            "Paulette", "Patiente-ressource"]


def _text_of(obj) -> str:
    parts = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField, models.JSONField,
                              models.EmailField)):
            parts.append(json.dumps(field.value_from_object(obj), ensure_ascii=False))
    return " ".join(parts)


def _rows_pointing_to(obj):
    """Every row of every model holding a foreign key to `obj`, found through _meta."""
    for relation in obj._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and relation.is_relation \
                and not relation.many_to_many:
            model = relation.related_model
            yield from model._default_manager.filter(**{relation.field.name: obj})


def test_deleting_the_account_leaves_no_personal_data_anywhere(client, rich_member):
    user = rich_member.user
    client.force_login(user)
    secrets = _personal_values(rich_member)
    response = client.post(reverse("supprimer_compte"), {"confirm": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    rich_member.refresh_from_db()
    for obj in (user, rich_member, *_rows_pointing_to(user), *_rows_pointing_to(rich_member)):
        text = _text_of(obj)
        for secret in secrets:
            assert secret not in text, (type(obj).__name__, secret)
    assert not user.is_active and not user.has_usable_password()
    assert user.email.endswith("@anonyme.invalid")
    assert rich_member.status == MemberStatus.ARCHIVED
    assert rich_member.region is None and rich_member.gender == ""
    assert not rich_member.health_topics.exists()
    assert not rich_member.consents.exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert not user.team_memberships.exists()
    assert not [s for s in Session.objects.all()
                if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    for entry in LogEntry.objects.all():
        assert "Saint-Ferréol" not in entry.change_message + entry.object_repr
    # Anonymous counts stay, for the indicators.
    assert rich_member.pairings.get().hours_given == 5
    declaration = HoursDeclaration.objects.get()
    evaluation = Evaluation.objects.get()
    assert (declaration.note, declaration.hours) == ("", 2)
    assert (evaluation.what_worked, evaluation.satisfaction) == ("", 4)
    assert user.enrolments.count() == 1 and user.completions.count() == 1
    record = DeletionRecord.objects.get()
    assert record.reason == DeletionReason.REQUEST
    assert record.counts["pairings"] == 1 and record.counts["enrolments"] == 1
    for secret in secrets:
        assert secret not in json.dumps(record.counts) + str(record)
    assert client.get(reverse("espace")).status_code == 302


def test_a_deletion_without_confirmation_deletes_nothing(client_for, patient):
    response = client_for(patient.user).post(reverse("supprimer_compte"), {})
    assert response.status_code == 200
    patient.user.refresh_from_db()
    assert patient.user.is_active


def test_the_export_never_holds_the_secret_of_a_second_factor(client_for, rich_member):
    response = client_for(rich_member.user).get(reverse("mes_donnees_json"))
    data = json.loads(response.content)
    assert [row["type"] for row in data["authenticators"]] == [Authenticator.Type.TOTP]
    assert factories.TOTP_SECRET not in response.content.decode()


def test_the_readable_page_shows_the_same_data(client_for, rich_member):
    html = client_for(rich_member.user).get(reverse("mes_donnees")).content.decode()
    assert "Saint-Ferréol-les-Neiges" in html
    assert "Maladie rare" in html
    assert "Patiente-ressource" in html


def test_inactive_members_get_a_reminder_then_are_anonymised(
        patient, caregiver, django_capture_on_commit_callbacks):
    RetentionPolicy.objects.update_or_create(pk=1, defaults={"inactive_months": 12,
                                                              "reminder_days": 30})
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Member.objects.filter(pk=patient.pk).update(last_activity_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_sweep() == {"reminded": 1, "archived": 0}
        assert retention_sweep() == {"reminded": 0, "archived": 0}
    assert Notification.objects.filter(kind=NotificationKind.RETENTION_REMINDER,
                                       recipient=patient.user).count() == 1
    later = timezone.now() + timezone.timedelta(days=31)
    assert retention_sweep(now=later) == {"reminded": 0, "archived": 1}
    patient.refresh_from_db()
    caregiver.refresh_from_db()
    assert patient.status == MemberStatus.ARCHIVED
    assert patient.municipality == ""
    assert not patient.user.is_active
    assert caregiver.status == MemberStatus.ACTIVE
    assert DeletionRecord.objects.get().reason == DeletionReason.RETENTION


def test_a_login_after_the_reminder_keeps_the_member(client, patient):
    RetentionPolicy.objects.update_or_create(pk=1, defaults={"inactive_months": 12,
                                                              "reminder_days": 30})
    Member.objects.filter(pk=patient.pk).update(
        last_activity_at=timezone.now() - timezone.timedelta(days=400))
    retention_sweep()
    client.post(reverse("account_login"), {"login": patient.user.email,
                                           "password": factories.PASSWORD})
    assert retention_sweep(now=timezone.now() + timezone.timedelta(days=31)) == {
        "reminded": 0, "archived": 0}
    patient.refresh_from_db()
    assert patient.status == MemberStatus.ACTIVE and patient.retention_reminded_at is None


def test_an_engaged_member_is_never_archived_for_inactivity(patient):
    factories.PairingFactory(member=patient, status=PairingStatus.ACTIVE)
    Member.objects.filter(pk=patient.pk).update(
        last_activity_at=timezone.now() - timezone.timedelta(days=2000))
    assert retention_sweep() == {"reminded": 0, "archived": 0}


def test_coordinators_get_one_digest_a_day_of_new_members(
        coordinator, patient, django_capture_on_commit_callbacks, mailoutbox):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert new_members_digest_send(day=today) == 1
        new_members_digest_send(day=today)
    digest = Notification.objects.get(kind=NotificationKind.MEMBER_DIGEST)
    assert digest.recipient == coordinator
    assert "Patient" in digest.body_text and "Capitale-Nationale" in digest.body_text
    # Sent to others about several people, it names none of them.
    assert "Paule Patiente" not in digest.body_text + digest.body_html
    assert len(mailoutbox) == 1
    assert new_members_digest_send(day=today - timezone.timedelta(days=3)) == 0


def test_digests_sent_when_they_named_members_are_emptied_by_migration(coordinator):
    forget = importlib.import_module(
        "communaute.migrations.0007_member_digests_name_no_one").forget_names_in_sent_digests
    named = {"kind": NotificationKind.MEMBER_DIGEST, "email": coordinator.email,
             "subject": "1 nouveau membre à examiner", "body_text": "- Paule Patiente",
             "body_html": "<li>Paule Patiente</li>"}
    sent = Notification.objects.create(**named, sent_at=timezone.now())
    waiting = Notification.objects.create(**named)
    forget(apps, None)
    sent.refresh_from_db()
    waiting.refresh_from_db()
    assert (sent.body_text, sent.body_html, sent.subject) == ("", "", named["subject"])
    assert waiting.body_text == named["body_text"]


@pytest.fixture
def welcome_email_write_fails(db):
    """The database refuses the registration's last write, the welcome e-mail."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("""
                CREATE FUNCTION refuse_welcome() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'panne simulée'; END; $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_welcome BEFORE INSERT ON messagerie_notification
                FOR EACH ROW WHEN (NEW.kind = 'membre_bienvenue')
                EXECUTE FUNCTION refuse_welcome();""")
        else:
            cursor.execute("""
                CREATE TRIGGER refuse_welcome BEFORE INSERT ON messagerie_notification
                WHEN NEW.kind = 'membre_bienvenue'
                BEGIN SELECT RAISE(ABORT, 'panne simulée'); END;""")


def test_a_registration_failing_at_its_last_write_leaves_nothing(
        welcome_email_write_fails):
    request = visitor_request("/rejoindre/consentements/")
    with pytest.raises(DatabaseError):
        member_register(
            request=request, email="tout.ou.rien@exemple.ca", password_hash=None,
            display_name="Tout", legal_name="Tout Ou Rien", preferred_language="fr-ca",
            phone="", profile={"kinds": ["citoyen"], "age_range": "30_49",
                               "region": Region.objects.first(), "municipality": "Québec",
                               "languages": ["fr"], "domains": ["recherche"]},
            health_topics=list(HealthTopic.objects.all()[:1]),
            consents={ConsentKind.MATCHING: True, ConsentKind.SENSITIVE: True})
    assert not User.objects.filter(email="tout.ou.rien@exemple.ca").exists()
    assert not EmailAddress.objects.filter(email="tout.ou.rien@exemple.ca").exists()
    assert not Member.objects.exists()
    assert not Consent.objects.exists()
    assert not Notification.objects.filter(email="tout.ou.rien@exemple.ca").exists()
