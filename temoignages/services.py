from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communaute.models import User
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue
from temoignages import phrases
from temoignages.enums import StoryStatus
from temoignages.models import Story


def _lock(story: Story) -> Story:
    return Story.objects.select_for_update().select_related("author").get(pk=story.pk)


def _notify_author(story: Story, template: str) -> None:
    author = story.author
    notification_queue(
        kind=NotificationKind.STORY_REVIEW, email=author.email, recipient=author,
        language=author.preferred_language, template=f"temoignages/courriels/{template}",
        context={"user": author, "story": story})


@transaction.atomic
def story_save(*, author: User, story: Story | None = None, title: str, text: str,
               domain: str = "", anonymous: bool = False, pen_name: str = "",
               publication_consent: bool = False, submit: bool = False) -> Story:
    """Write or change a story of `author`; `submit` sends it to the coordinators.

    Publication needs the consent, given separately from writing: a draft may be kept
    without it, a story is never submitted without it.
    """
    if story is None:
        story = Story(author=author)
    else:
        story = _lock(story)
        if not story.editable:
            raise ValidationError(phrases.NOT_EDITABLE, code="not_editable")
    if anonymous and not pen_name.strip():
        raise ValidationError({"pen_name": phrases.PEN_NAME_NEEDED})
    if submit and not publication_consent:
        raise ValidationError({"publication_consent": phrases.CONSENT_NEEDED})
    story.title, story.text, story.domain = title, text, domain
    story.anonymous, story.pen_name = anonymous, pen_name.strip() if anonymous else ""
    if publication_consent and not story.publication_consent:
        story.consented_at = timezone.now()
    story.publication_consent = publication_consent
    if not publication_consent:
        story.consented_at = None
    if submit:
        story.status = StoryStatus.SUBMITTED
        story.submitted_at = timezone.now()
    story.save()
    return story


def _review(story: Story, by: User, status: str, comment: str = "") -> Story:
    """The coordinator's decision on a story under review; `story` is locked by the caller."""
    if story.status != StoryStatus.SUBMITTED:
        raise ValidationError(phrases.NOT_UNDER_REVIEW, code="not_submitted")
    story.status = status
    story.review_comment = comment
    story.reviewed_by = by
    fields = ["status", "review_comment", "reviewed_by"]
    if status == StoryStatus.PUBLISHED:
        story.published_at = timezone.now()
        fields.append("published_at")
    story.save(update_fields=fields)
    return story


@transaction.atomic
def story_publish(*, story: Story, by: User) -> Story:
    story = _lock(story)
    if not story.publication_consent:
        raise ValidationError(phrases.CONSENT_NEEDED, code="no_consent")
    story = _review(story, by, StoryStatus.PUBLISHED)
    _notify_author(story, "publie")
    return story


@transaction.atomic
def story_request_change(*, story: Story, by: User, comment: str) -> Story:
    """Back to the author, with the coordinator's comment (by e-mail and on their page)."""
    story = _review(_lock(story), by, StoryStatus.CHANGES_REQUESTED, comment)
    _notify_author(story, "a_modifier")
    return story


@transaction.atomic
def story_decline(*, story: Story, by: User, reason: str) -> Story:
    story = _review(_lock(story), by, StoryStatus.DECLINED, reason)
    _notify_author(story, "refuse")
    return story


@transaction.atomic
def story_withdraw(*, story: Story) -> Story:
    """The author takes the story back: it leaves the public page and the feed at once.

    The row is locked, so a coordinator publishing it at the same moment either finds it
    withdrawn (and is refused) or publishes it just before it is withdrawn.
    """
    story = _lock(story)
    if story.status in (StoryStatus.WITHDRAWN, StoryStatus.DECLINED):
        raise ValidationError(phrases.ALREADY_CLOSED, code="closed")
    story.status = StoryStatus.WITHDRAWN
    story.withdrawn_at = timezone.now()
    story.save(update_fields=["status", "withdrawn_at"])
    return story
