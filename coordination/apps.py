from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Indicateurs de la coordination")

    def ready(self):
        from coordination import signals

        signals.connect()
