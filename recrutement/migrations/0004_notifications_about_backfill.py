from django.db import migrations

# The dedup key recrutement.services gives a team invitation: it names the inviter.
PREFIX = "invitation-equipe-"


def invitations_about_inviters(apps, schema_editor):
    """Team invitations written before Notification.about say who invited, so that
    erasing the inviter's account deletes them too."""
    Notification = apps.get_model("messagerie", "Notification")
    TeamInvitation = apps.get_model("recrutement", "TeamInvitation")
    inviter = dict(TeamInvitation.objects.values_list("pk", "invited_by_id"))
    changed = []
    rows = Notification.objects.filter(about=None, kind="invitation_equipe",
                                       dedup_key__startswith=PREFIX)
    for notification in rows.only("pk", "dedup_key"):
        pk = notification.dedup_key.removeprefix(PREFIX)
        notification.about_id = inviter.get(int(pk)) if pk.isdigit() else None
        if notification.about_id:
            changed.append(notification)
    Notification.objects.bulk_update(changed, ["about"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("recrutement", "0003_project_contribution_outcome_and_more"),
        ("messagerie", "0003_notification_about"),
    ]

    operations = [
        migrations.RunPython(invitations_about_inviters, migrations.RunPython.noop),
    ]
