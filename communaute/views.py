from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from ruisss.pages import coming_soon


def join(request):
    return coming_soon(request, _("Devenir membre"))


def privacy(request):
    return render(request, "communaute/confidentialite.html")


@login_required
def space(request):
    return render(request, "communaute/espace.html")
