"""What makes the shared renderings of public projects stale (ruisss/fragments.py): the
project list, and a project's page as visitors who are not signed in see it. A project,
its regions, topics or resources, its team, a region, a health topic or a resource
changes; accompagnement/signals.py adds the engagement plans, which the page summarises."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from ruisss import fragments

CATALOGUE = "catalogue"


def catalogue_changed(**kwargs):
    fragments.bump(CATALOGUE)


def connect():
    from communaute.models import HealthTopic, Region
    from recrutement.models import Project, Team
    from ressources.models import Resource

    for model in (Project, Team, Region, HealthTopic, Resource):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(catalogue_changed, sender=model,
                           dispatch_uid=f"catalogue-{name}-{model.__name__}")
    for through in (Project.regions.through, Project.health_topics.through,
                    Project.resources.through):
        m2m_changed.connect(catalogue_changed, sender=through,
                            dispatch_uid=f"catalogue-{through.__name__}")
