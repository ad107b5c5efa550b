from django.db import migrations

# The dedup keys jumelage.services gives the e-mails it sends to others about a member.
TEAM_ANSWER = ("reponse_equipe", "reponse:")
TEAM_EVALUATION = ("evaluation", "evaluation:")
OBSERVATION = ("observation", "observation:")


def _key_pk(dedup_key):
    try:
        return int(dedup_key.split(":")[1])
    except (IndexError, ValueError):
        return None


def notifications_about_members(apps, schema_editor):
    """E-mails written before Notification.about say whom they are about, so that
    erasing that member's account deletes them too."""
    Notification = apps.get_model("messagerie", "Notification")
    Pairing = apps.get_model("jumelage", "Pairing")
    Observation = apps.get_model("jumelage", "Observation")
    member_of_pairing = dict(Pairing.objects.values_list("pk", "member__user_id"))
    member_of_observation = dict(Observation.objects.values_list("pk",
                                                                 "pairing__member__user_id"))
    sources = [(TEAM_ANSWER, member_of_pairing), (TEAM_EVALUATION, member_of_pairing),
               (OBSERVATION, member_of_observation)]
    changed = []
    for (kind, prefix), owner in sources:
        rows = Notification.objects.filter(about=None, kind=kind, dedup_key__startswith=prefix)
        if kind == TEAM_EVALUATION[0]:
            # The member's own questionnaire e-mail is theirs already (recipient).
            rows = rows.filter(dedup_key__contains=":equipe:")
        for notification in rows.only("pk", "dedup_key"):
            notification.about_id = owner.get(_key_pk(notification.dedup_key))
            if notification.about_id:
                changed.append(notification)
    Notification.objects.bulk_update(changed, ["about"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("jumelage", "0007_honest_points_and_level_weights"),
        ("messagerie", "0003_notification_about"),
    ]

    operations = [
        migrations.RunPython(notifications_about_members, migrations.RunPython.noop),
    ]
