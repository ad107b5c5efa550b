"""What makes the shared rendering of the catalogue stale (ruisss/fragments.py): a course,
a session or an enrolment (places left) changes."""

from django.db.models.signals import post_delete, post_save

from ruisss import fragments

CATALOGUE = "formations"
# Sessions leave the catalogue when they start, which no save announces.
CATALOGUE_TIMEOUT = 60


def catalogue_changed(**kwargs):
    fragments.bump(CATALOGUE)


def connect():
    from formation.models import Course, Enrolment, Session

    for model in (Course, Session, Enrolment):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(catalogue_changed, sender=model,
                           dispatch_uid=f"formations-{name}-{model.__name__}")
