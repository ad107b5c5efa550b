from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompagnementConfig(AppConfig):
    name = "accompagnement"
    verbose_name = _("Accompagnement")

    def ready(self):
        from accompagnement import (
            privacy,  # noqa: F401 registers this app's personal records
            signals,
        )
        from accompagnement.plans import planned_step
        from recrutement import continuum

        continuum.register(planned_step)
        signals.connect()
