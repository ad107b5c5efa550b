"""What makes the shared rendering of the public project list stale (ruisss/fragments.py):
a project, its regions or topics, its team, a region or a health topic changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from ruisss import fragments

CATALOGUE = "catalogue"


def catalogue_changed(**kwargs):
    fragments.bump(CATALOGUE)


def connect():
    from communaute.models import HealthTopic, Region
    from recrutement.models import Project, Team

    for model in (Project, Team, Region, HealthTopic):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(catalogue_changed, sender=model,
                           dispatch_uid=f"catalogue-{name}-{model.__name__}")
    for through in (Project.regions.through, Project.health_topics.through):
        m2m_changed.connect(catalogue_changed, sender=through,
                            dispatch_uid=f"catalogue-{through.__name__}")
