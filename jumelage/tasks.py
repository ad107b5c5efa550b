from celery import shared_task


@shared_task
def send_invitation_reminders() -> int:
    from jumelage.services import invitation_reminders_send

    return invitation_reminders_send()


@shared_task
def send_match_request_digest() -> int:
    from jumelage.services import match_request_digest_send

    return match_request_digest_send()


@shared_task
def start_due_engagements() -> int:
    from jumelage.services import engagements_start_due

    return engagements_start_due()
