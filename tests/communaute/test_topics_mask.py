"""Each member's `topics_mask` adds up the flags of their health topics, however the links
change: the matching engine reads shared topics from it."""

import pytest

from communaute.models import TOPIC_FLAGS, HealthTopic, Member, topics_recount
from tests import factories

pytestmark = pytest.mark.django_db


def masks() -> dict[int, int]:
    return dict(Member.objects.values_list("pk", "topics_mask"))


def masks_from_links() -> dict[int, int]:
    return {member.pk: sum(topic.flag or 0 for topic in member.health_topics.all())
            for member in Member.objects.prefetch_related("health_topics")}


def test_new_topics_take_distinct_flags_of_one_bit():
    flags = [factories.HealthTopicFactory().flag for _ in range(5)]
    assert len(set(flags)) == 5
    assert all(flag > 0 and flag & (flag - 1) == 0 for flag in flags)


def test_the_mask_follows_links_added_removed_and_cleared_from_either_side():
    first, second, third = (factories.HealthTopicFactory() for _ in range(3))
    member, other = factories.MemberFactory(), factories.MemberFactory()
    member.health_topics.set([first, second])
    other.health_topics.add(third)
    assert masks()[member.pk] == first.flag + second.flag
    member.health_topics.remove(first)
    third.members.add(member)
    assert masks() == masks_from_links()
    second.members.remove(member)
    third.members.clear()
    assert masks() == masks_from_links() == {member.pk: 0, other.pk: 0}
    member.health_topics.add(first, second)
    member.health_topics.clear()
    assert masks()[member.pk] == 0


def test_deleting_a_topic_takes_its_flag_out_of_the_masks_and_frees_it():
    kept, deleted = factories.HealthTopicFactory(), factories.HealthTopicFactory()
    member = factories.MemberFactory()
    member.health_topics.set([kept, deleted])
    flag = deleted.flag
    deleted.delete()
    assert masks()[member.pk] == kept.flag
    assert factories.HealthTopicFactory().flag == flag


def test_a_full_save_of_a_member_read_before_a_change_keeps_the_new_mask():
    topic = factories.HealthTopicFactory()
    member = factories.MemberFactory()
    stale = Member.objects.get(pk=member.pk)
    member.health_topics.add(topic)
    stale.municipality = "Lévis"
    stale.save()
    assert masks()[member.pk] == topic.flag


def test_once_every_flag_is_taken_new_topics_have_none_and_count_for_nothing():
    taken = HealthTopic.objects.exclude(flag=None).count()
    for _ in range(TOPIC_FLAGS - taken):
        factories.HealthTopicFactory()
    beyond = factories.HealthTopicFactory()
    assert beyond.flag is None
    member = factories.MemberFactory()
    member.health_topics.add(beyond)
    assert masks()[member.pk] == 0


def test_a_recount_repairs_links_written_without_signals():
    topic = factories.HealthTopicFactory()
    member = factories.MemberFactory()
    Member.health_topics.through.objects.bulk_create(
        [Member.health_topics.through(member=member, healthtopic=topic)])
    assert masks()[member.pk] == 0
    topics_recount(Member.objects.filter(pk=member.pk))
    assert masks()[member.pk] == topic.flag
