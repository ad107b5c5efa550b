from django.utils.translation import gettext as _

from ruisss.pages import coming_soon


def project_list(request):
    return coming_soon(request, _("Occasions d'engagement"))


def team_signup(request):
    return coming_soon(request, _("Inscrire mon équipe"))
