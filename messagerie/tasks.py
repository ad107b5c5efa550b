import logging
from smtplib import SMTPException

from celery import shared_task

from messagerie.sending import notification_send, unsent_notifications

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, retry_backoff_max=3600,
             retry_jitter=True, max_retries=6)
def send_notification(pk: int) -> bool:
    return notification_send(pk)


@shared_task
def sweep_unsent_notifications() -> int:
    sent = 0
    for pk in unsent_notifications().values_list("pk", flat=True)[:500]:
        try:
            sent += notification_send(pk)
        except (SMTPException, OSError):
            logger.warning("Notification %s failed again; the next sweep retries.", pk,
                           exc_info=True)
    return sent
