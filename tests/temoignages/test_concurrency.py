import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from temoignages.enums import StoryStatus
from temoignages.models import Story
from temoignages.services import story_publish, story_withdraw
from tests.factories import CoordinatorFactory, StoryFactory
from tests.together import at_the_same_moment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="SQLite has no row locks; run with DATABASE_URL on PostgreSQL"),
]


def test_a_withdrawal_at_the_moment_of_publication_leaves_the_story_withdrawn():
    story = StoryFactory()
    coordinator = CoordinatorFactory()
    outcomes = at_the_same_moment(lambda: story_withdraw(story=story),
                                  lambda: story_publish(story=story, by=coordinator))
    # Publication comes just before the withdrawal, or finds the story withdrawn.
    assert isinstance(outcomes[0], Story)
    assert isinstance(outcomes[1], Story | ValidationError)
    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN
    assert not Story.objects.published().exists()
