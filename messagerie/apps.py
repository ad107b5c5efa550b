from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagerieConfig(AppConfig):
    name = "messagerie"
    verbose_name = _("Courriels")
