from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TemoignagesConfig(AppConfig):
    name = "temoignages"
    verbose_name = _("Témoignages")

    def ready(self):
        from temoignages import privacy  # noqa: F401 registers this app's personal records
