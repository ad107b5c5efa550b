from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from activites.models import ActivityDocument, Registration
from activites.services import (
    activity_fill_from_waitlist,
    activity_reminders_send,
    attendance_record,
    registration_cancel,
    registration_create,
)
from communaute.enums import Modality
from formation.enums import EnrolmentStatus
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import files
from tests.factories import ActivityFactory, RegionFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_place_is_confirmed_with_a_calendar_file_and_the_online_link(
        django_capture_on_commit_callbacks):
    activity = ActivityFactory(format=Modality.HYBRID, region=RegionFactory(),
                               place="Centre communautaire, Québec",
                               link="https://visio.exemple.ca/rassemblement")
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(activity=activity, user=user)
    assert registration.status == EnrolmentStatus.ENROLLED
    [message] = mail.outbox
    assert message.to == [user.email] and activity.title in message.subject
    assert "https://visio.exemple.ca/rassemblement" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("activite.ics", "text/calendar")
    assert f"UID:activite-{activity.pk}@" in content
    assert "LOCATION:Centre communautaire\\, Québec\\, Capitale-Nationale" in content
    assert Notification.objects.get().kind == NotificationKind.ACTIVITY_REGISTRATION


def test_a_full_activity_puts_the_person_on_the_waiting_list_without_the_link(
        django_capture_on_commit_callbacks):
    activity = ActivityFactory(capacity=1)
    RegistrationFactory(activity=activity)
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(activity=activity, user=UserFactory())
    assert registration.status == EnrolmentStatus.WAITING
    assert "attente" in mail.outbox[0].subject
    assert mail.outbox[0].attachments == []
    assert activity.link not in mail.outbox[0].body


def test_cancelling_gives_the_place_to_the_first_person_waiting(
        django_capture_on_commit_callbacks):
    activity = ActivityFactory(capacity=1)
    holder = RegistrationFactory(activity=activity)
    first = RegistrationFactory(activity=activity, status=EnrolmentStatus.WAITING)
    second = RegistrationFactory(activity=activity, status=EnrolmentStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=holder)
    assert promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)
    assert mail.outbox[0].to == [first.user.email]
    assert activity.link in mail.outbox[0].body


def test_added_places_go_to_the_people_waiting():
    activity = ActivityFactory(capacity=1)
    RegistrationFactory(activity=activity)
    waiting = RegistrationFactory.create_batch(2, activity=activity,
                                               status=EnrolmentStatus.WAITING)
    activity.capacity = 2
    activity.save()
    assert activity_fill_from_waitlist(activity=activity) == [waiting[0]]


def test_registering_twice_past_the_deadline_or_to_a_hidden_activity_is_refused():
    user = UserFactory()
    activity = ActivityFactory()
    registration_create(activity=activity, user=user)
    with pytest.raises(ValidationError, match="déjà une demande"):
        registration_create(activity=activity, user=user)
    late = ActivityFactory(registration_deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="date limite"):
        registration_create(activity=late, user=user)
    with pytest.raises(ValidationError, match="plus offerte"):
        registration_create(activity=ActivityFactory(published=False), user=user)
    assert Registration.objects.count() == 1


def test_coming_back_after_cancelling_joins_the_end_of_the_waiting_list():
    activity = ActivityFactory(capacity=1)
    mine = RegistrationFactory(activity=activity)
    registration_cancel(registration=mine)
    RegistrationFactory(activity=activity)
    again = registration_create(activity=activity, user=mine.user)
    assert again.pk == mine.pk and again.status == EnrolmentStatus.WAITING


def test_attendance_keeps_the_waiting_list_and_cancellations_as_they_are():
    activity = ActivityFactory()
    present = RegistrationFactory(activity=activity)
    waiting = RegistrationFactory(activity=activity, status=EnrolmentStatus.WAITING)
    assert attendance_record(registration_ids=[present.pk, waiting.pk], present=True) == 1
    present.refresh_from_db()
    waiting.refresh_from_db()
    assert (present.status, waiting.status) == (EnrolmentStatus.ATTENDED,
                                                EnrolmentStatus.WAITING)


def test_the_reminder_goes_once_the_day_before_to_the_people_with_a_place(
        django_capture_on_commit_callbacks):
    now = timezone.now()
    tomorrow = ActivityFactory(starts_at=now + timedelta(hours=20),
                               registration_deadline=now + timedelta(hours=1))
    later = ActivityFactory(starts_at=now + timedelta(days=5))
    enrolled = RegistrationFactory(activity=tomorrow)
    RegistrationFactory(activity=tomorrow, status=EnrolmentStatus.WAITING)
    RegistrationFactory(activity=later)
    with django_capture_on_commit_callbacks(execute=True):
        assert activity_reminders_send(now=now) == 1
        assert activity_reminders_send(now=now) == 0
    [message] = mail.outbox
    assert message.to == [enrolled.user.email] and "Rappel" in message.subject
    assert Notification.objects.filter(kind=NotificationKind.ACTIVITY_REMINDER).count() == 1


def test_a_shared_document_is_checked_like_any_upload():
    document = ActivityDocument(activity=ActivityFactory(), title="Présentation",
                                file=SimpleUploadedFile("presentation.pdf", files.executable()))
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "il est refusé" in refused.value.message_dict["file"][0]
