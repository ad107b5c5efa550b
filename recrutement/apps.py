from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecrutementConfig(AppConfig):
    name = "recrutement"
    verbose_name = _("Recrutement")

    def ready(self):
        from recrutement import (
            privacy,  # noqa: F401 registers this app's personal records
            signals,
        )

        signals.connect()
