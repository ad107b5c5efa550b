from celery import shared_task

from messagerie.sending import (
    SEND_HARD_TIME_LIMIT,
    SEND_TIME_LIMIT,
    due_notifications_send,
    failures_record,
    notification_send,
)


@shared_task(soft_time_limit=SEND_TIME_LIMIT, time_limit=SEND_HARD_TIME_LIMIT)
def send_notification(pk: int) -> bool:
    """One attempt; a failure is recorded on the row and the sweep retries it."""
    return notification_send(pk)


@shared_task(soft_time_limit=SEND_TIME_LIMIT, time_limit=SEND_HARD_TIME_LIMIT)
def sweep_unsent_notifications() -> int:
    """Every minute: report the rows out of attempts (their alerts go out first), then
    send what is due."""
    return due_notifications_send(first=failures_record())
