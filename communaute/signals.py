from django.contrib.auth.models import Group, Permission

from ruisss.roles import COORDINATION_GROUP

COORDINATED_APPS = ["communaute", "recrutement", "jumelage", "formation"]


def ensure_coordination_group(**kwargs):
    """The "Coordination" group holds every permission on the platform's own models."""
    group, _ = Group.objects.get_or_create(name=COORDINATION_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=COORDINATED_APPS)
    group.permissions.add(*permissions)


def record_login_activity(sender, request, user, **kwargs):
    from communaute.services import member_touch

    member_touch(user=user)
