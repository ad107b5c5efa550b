from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoratConfig(AppConfig):
    name = "mentorat"
    verbose_name = _("Mentorat entre pairs")

    def ready(self):
        from communaute import join_wishes
        from jumelage import recognition
        from mentorat import privacy  # noqa: F401 registers this app's personal records
        from mentorat.services import JOIN_WISH, contributions_of

        join_wishes.register(JOIN_WISH)
        recognition.register(contributions_of)
