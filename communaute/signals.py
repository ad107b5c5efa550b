from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import F

from communaute.roles import COORDINATION_GROUP


def platform_app_labels() -> list[str]:
    """The project's own apps (top-level folders), not Django's nor third parties' ones."""
    return [config.label for config in apps.get_app_configs()
            if Path(config.path).parent == Path(settings.BASE_DIR)]


def ensure_coordination_group(**kwargs):
    """The "Coordination" group holds every permission on the platform's own models."""
    group, _ = Group.objects.get_or_create(name=COORDINATION_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=platform_app_labels())
    group.permissions.add(*permissions)


def record_login_activity(sender, request, user, **kwargs):
    from communaute.services import member_touch

    member_touch(user=user)


def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Member.topics_mask follows the links, whichever side changes them."""
    from communaute.models import Member, topics_recount

    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        topics_recount(Member.objects.filter(pk=instance.pk))
    elif instance.flag is not None:
        # From the topic's side, a clear names no member: those who had its flag.
        members = (Member.objects.filter(pk__in=pk_set) if pk_set is not None else
                   Member.objects.alias(bit=F("topics_mask").bitand(instance.flag))
                   .filter(bit__gt=0))
        topics_recount(members)


def topic_deleted(sender, instance, **kwargs):
    """Deleting a topic deletes its links without m2m_changed: its flag leaves the masks."""
    from communaute.models import Member

    if instance.flag is not None:
        Member.objects.filter(health_topics=instance).update(
            topics_mask=F("topics_mask") - instance.flag)
