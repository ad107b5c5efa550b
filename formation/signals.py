"""What makes shared renderings stale (ruisss/fragments.py): the catalogue when a course, a
session or an enrolment (places left) changes; whatever counts completions (the matching,
the dashboard) when a completion changes."""

from django.db.models.signals import post_delete, post_save

from ruisss import fragments

CATALOGUE = "formations"
# Sessions leave the catalogue when they start, which no save announces.
CATALOGUE_TIMEOUT = 60
COMPLETIONS = "completions"


def catalogue_changed(**kwargs):
    fragments.bump(CATALOGUE)


def completions_changed(**kwargs):
    fragments.bump(COMPLETIONS)


def connect():
    from formation.models import Completion, Course, Enrolment, Session

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(completions_changed, sender=Completion,
                       dispatch_uid=f"completions-{name}")

    for model in (Course, Session, Enrolment):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(catalogue_changed, sender=model,
                           dispatch_uid=f"formations-{name}-{model.__name__}")
