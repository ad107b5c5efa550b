"""Limits on the forms that make the platform send e-mails.

They are counted by allauth's rate limiter, with the actions and rates of
ACCOUNT_RATE_LIMITS (settings): the same cache, with its fallback (ruisss/cache.py), and
the same client address behind the proxy (ALLAUTH_TRUSTED_PROXY_COUNT) as the limits on
logging in.
"""

from allauth.core import ratelimit
from django.utils.translation import gettext_lazy as _

TOO_MANY_SIGNUPS = _("Trop d'inscriptions ont été envoyées depuis cette connexion. Réessayez "
                     "dans une heure, ou appelez la coordination pour qu'elle vous inscrive.")
TOO_MANY_TO_ADDRESS = _("Trop de courriels ont déjà été envoyés à cette adresse. Réessayez "
                        "dans une heure.")
TOO_OFTEN = _("Vous avez fait cette demande trop souvent en peu de temps. Réessayez dans "
              "une heure.")


def refusal(request, *, action: str, to: str | None = None):
    """Why the form may not send its e-mail now, or None; each call counts one use.

    `action` is counted per connection ("signup") or per person (the others); `to`, an
    address typed into the form, is counted whoever types it, so that nobody can flood
    one mailbox from many connections.
    """
    if not ratelimit.consume(request, action=action):
        return TOO_MANY_SIGNUPS if action == "signup" else TOO_OFTEN
    if to is not None and not ratelimit.consume(request, action="mail_to_address",
                                                key=to.strip().lower()):
        return TOO_MANY_TO_ADDRESS
    return None
