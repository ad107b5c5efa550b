import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from temoignages.enums import StoryStatus
from temoignages.models import Story
from temoignages.services import (
    story_decline,
    story_publish,
    story_request_change,
    story_save,
    story_withdraw,
)
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

TEXT = {"title": "Trois ans au comité", "text": "Ce que j'y ai appris."}


def test_a_draft_is_kept_without_consent_but_never_submitted_without_it(patient):
    draft = story_save(author=patient.user, **TEXT)
    assert (draft.status, draft.publication_consent) == (StoryStatus.DRAFT, False)
    with pytest.raises(ValidationError) as refused:
        story_save(author=patient.user, story=draft, submit=True, **TEXT)
    assert "consentement" in refused.value.message_dict["publication_consent"][0]
    draft.refresh_from_db()
    assert draft.status == StoryStatus.DRAFT
    submitted = story_save(author=patient.user, story=draft, submit=True,
                           publication_consent=True, **TEXT)
    assert submitted.status == StoryStatus.SUBMITTED and submitted.consented_at is not None


def test_anonymity_needs_a_pen_name_and_signs_with_it(patient):
    with pytest.raises(ValidationError):
        story_save(author=patient.user, anonymous=True, pen_name="  ", **TEXT)
    story = story_save(author=patient.user, anonymous=True, pen_name="Une proche aidante",
                       **TEXT)
    assert story.signature == "Une proche aidante"
    assert story_save(author=patient.user, story=story, **TEXT).signature == "Paule Patiente"


def test_a_submitted_story_can_no_longer_be_changed_by_its_author(patient):
    story = StoryFactory(author=patient.user)
    with pytest.raises(ValidationError):
        story_save(author=patient.user, story=story, title="Autre", text="Autre")
    story.refresh_from_db()
    assert story.title != "Autre"


def test_publishing_tells_the_member(patient, coordinator, django_capture_on_commit_callbacks):
    story = StoryFactory(author=patient.user)
    with django_capture_on_commit_callbacks(execute=True):
        story_publish(story=story, by=coordinator)
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED and story.published_at is not None
    assert Story.objects.published().get() == story
    assert mail.outbox[0].to == [patient.user.email]
    assert "est publié" in mail.outbox[0].subject


def test_asking_a_change_sends_the_comment_and_lets_the_member_edit_again(
        patient, coordinator, django_capture_on_commit_callbacks):
    story = StoryFactory(author=patient.user)
    with django_capture_on_commit_callbacks(execute=True):
        story_request_change(story=story, by=coordinator,
                             comment="Retirez le nom de l'hôpital, s'il vous plaît.")
    assert "Retirez le nom de l'hôpital" in mail.outbox[0].body
    story = story_save(author=patient.user, story=story, submit=True,
                       publication_consent=True, title="Trois ans", text="Sans nom d'hôpital.")
    assert story.status == StoryStatus.SUBMITTED


def test_declining_sends_the_reason(patient, coordinator, django_capture_on_commit_callbacks):
    story = StoryFactory(author=patient.user)
    with django_capture_on_commit_callbacks(execute=True):
        story_decline(story=story, by=coordinator, reason="Le texte nomme un soignant.")
    story.refresh_from_db()
    assert story.status == StoryStatus.DECLINED
    assert "Le texte nomme un soignant." in mail.outbox[0].body


def test_only_a_story_under_review_is_reviewed(patient, coordinator):
    draft = story_save(author=patient.user, **TEXT)
    with pytest.raises(ValidationError):
        story_publish(story=draft, by=coordinator)
    with pytest.raises(ValidationError):
        story_request_change(story=draft, by=coordinator, comment="?")
    assert not Story.objects.published().exists()


def test_a_withdrawn_story_leaves_the_published_ones_at_once_and_for_good(patient, coordinator):
    story = story_publish(story=StoryFactory(author=patient.user), by=coordinator)
    story_withdraw(story=story)
    assert not Story.objects.published().exists()
    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN and story.withdrawn_at is not None
    with pytest.raises(ValidationError):
        story_publish(story=story, by=coordinator)
    with pytest.raises(ValidationError):
        story_withdraw(story=story)
