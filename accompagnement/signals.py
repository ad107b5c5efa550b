"""A project's engagement plan is summarised on its public page: any change to a plan, its
versions, their lines or the phases they name makes that shared page stale
(recrutement/signals.py)."""

from django.db.models.signals import post_delete, post_save

from recrutement.signals import catalogue_changed


def connect():
    from accompagnement.models import EngagementPlan, Phase, PlanLine, PlanVersion

    for model in (EngagementPlan, PlanVersion, PlanLine, Phase):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(catalogue_changed, sender=model,
                           dispatch_uid=f"catalogue-plan-{name}-{model.__name__}")
