from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagerieConfig(AppConfig):
    name = "messagerie"
    verbose_name = _("Courriels")

    def ready(self):
        # The bottom layer installs the accent-blind search (and migrates PostgreSQL's
        # extension for it), so that every app above may search with it.
        from ruisss import search

        search.install()
