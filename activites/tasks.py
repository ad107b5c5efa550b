from celery import shared_task

from activites.services import activity_reminders_send


@shared_task
def send_activity_reminders() -> int:
    return activity_reminders_send()
