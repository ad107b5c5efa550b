from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from communaute import services


@shared_task
def send_new_members_digest() -> int:
    """Yesterday's new members, to every coordinator; safe to run twice (dedup key)."""
    return services.new_members_digest_send(day=timezone.localdate() - timedelta(days=1))


@shared_task
def apply_retention_policy() -> dict:
    return services.retention_sweep()


@shared_task
def purge_sessions() -> dict:
    """Expired sessions and abandoned join drafts; safe to run at any time, again."""
    return services.sessions_purge()
