from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormationConfig(AppConfig):
    name = "formation"
    verbose_name = _("Formation")

    def ready(self):
        from formation import (
            privacy,  # noqa: F401 registers this app's personal records
            signals,
        )

        signals.connect()
