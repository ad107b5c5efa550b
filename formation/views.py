from django.utils.translation import gettext as _

from ruisss.pages import coming_soon


def catalogue(request):
    return coming_soon(request, _("Formations"))
