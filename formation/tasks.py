from celery import shared_task

from formation.services import session_reminders_send


@shared_task
def send_session_reminders() -> int:
    return session_reminders_send()
