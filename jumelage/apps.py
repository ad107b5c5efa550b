from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JumelageConfig(AppConfig):
    name = "jumelage"
    verbose_name = _("Jumelage")

    def ready(self):
        from jumelage import (
            privacy,  # noqa: F401 registers this app's personal records
            signals,
        )

        signals.connect()
