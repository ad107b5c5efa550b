from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission

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
