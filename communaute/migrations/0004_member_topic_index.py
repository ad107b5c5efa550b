from django.db import migrations


class Migration(migrations.Migration):
    """The matching engine counts shared health topics from the topic side of the link
    table (members having one of the project's topics); the table's own indexes start
    with the member."""

    dependencies = [("communaute", "0003_retention_deletion")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS communaute_member_topics_by_topic "
            "ON communaute_member_health_topics (healthtopic_id, member_id)",
            "DROP INDEX IF EXISTS communaute_member_topics_by_topic",
        ),
    ]
