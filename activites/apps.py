from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitesConfig(AppConfig):
    name = "activites"
    verbose_name = _("Activités de la communauté")

    def ready(self):
        from activites import privacy  # noqa: F401 registers this app's personal records
