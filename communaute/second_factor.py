"""Coordinators and staff see everyone's answers: their session must have passed a
second factor (allauth.mfa: an authenticator app, or a recovery code) before any page
other than allauth's own (login, logout, second factor, password) opens.

A session has passed it when allauth reports a second factor used (at login, or when
asked again) or just set up: the activation checks a code of the new authenticator.
Members and team members may turn the second factor on from their space; allauth's
login then asks for it.
"""

from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_KEY = "second_factor_user"

# allauth's views stay open, so the person can log out, set up or use a second factor;
# so do the language switch and the health check.
OPEN_MODULES = ("allauth.", "django.views.i18n", "ruisss.views")


def needs_second_factor(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def second_factor_passed(sender, request, user, **kwargs):
    """Receives allauth.mfa's authenticator_used and authenticator_added."""
    request.session[SESSION_KEY] = str(user.pk)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not needs_second_factor(user) or view_func.__module__.startswith(OPEN_MODULES):
            return None
        has_authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP).exists()
        if not has_authenticator:
            messages.warning(request, _(
                "Les comptes de la coordination sont protégés par un second facteur. "
                "Configurez une application d'authentification (par exemple FreeOTP, "
                "Aegis ou Google Authenticator) pour continuer."))
            return redirect("mfa_activate_totp")
        if request.session.get(SESSION_KEY) != str(user.pk):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return None
