from celery import shared_task


@shared_task
def send_check_ins() -> int:
    from mentorat.services import check_ins_send

    return check_ins_send()
