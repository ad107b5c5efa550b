from django.db import migrations


def forget_names_in_sent_digests(apps, schema_editor):
    """Digests sent before they stopped naming members still named them; once sent, their
    text is no longer needed, and no erasure of one member could find them."""
    Notification = apps.get_model("messagerie", "Notification")
    Notification.objects.filter(kind="membres_resume", sent_at__isnull=False).update(
        body_text="", body_html="")


class Migration(migrations.Migration):

    dependencies = [
        ("communaute", "0006_access_log_incident_register"),
        ("messagerie", "0003_notification_about"),
    ]

    operations = [
        migrations.RunPython(forget_names_in_sent_digests, migrations.RunPython.noop),
    ]
