from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent, for searches that ignore accents (ruisss/search.py);
    the operation does nothing on SQLite, where a Python function does the same."""

    dependencies = [("messagerie", "0005_support_and_mentoring_kinds")]

    operations = [UnaccentExtension()]
