"""Sentences of the mentors' ranking, rendered in the reader's language when displayed."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communaute.enums import Domain, Language, MemberKind
from mentorat import scoring
from ruisss.fields import values_of

RULE_SENTENCES = {
    scoring.OFFER_WITHDRAWN: _("La personne a retiré son offre de mentorat."),
    scoring.INACTIVE: _("Le profil de la personne mentor n'est pas actif."),
    scoring.PAUSED: _("La personne mentor a mis sa participation en pause."),
    scoring.SELF: _("C'est la personne qui demande un mentor."),
    scoring.FULL: _("La personne mentor accompagne déjà autant de personnes qu'elle l'offre."),
    scoring.ALREADY: _("Déjà proposée pour cette demande."),
}


def _labels(choices, mask) -> str:
    return ", ".join(str(choices(value).label) for value in values_of(choices, mask))


def _text(code: str, args: dict) -> str:
    if code == scoring.REGION:
        return str(_("Même région"))
    if code == scoring.KIND:
        return _("Même type de personne (%(kinds)s)") % {
            "kinds": _labels(MemberKind, args["kinds"])}
    if code == scoring.DOMAINS:
        return _("Domaines d'implication en commun (%(domains)s)") % {
            "domains": _labels(Domain, args["domains"])}
    if code == scoring.LANGUAGE:
        return _("Langue en commun (%(languages)s)") % {
            "languages": _labels(Language, args["languages"])}
    if code == scoring.AVAILABILITY:
        return ngettext("%(free)s place libre sur %(capacity)s offerte",
                        "%(free)s places libres sur %(capacity)s offertes",
                        args["free"]) % args
    return code


def factor_sentences(factors: list[dict]) -> list[str]:
    return [_("%(text)s : +%(points)s") % {"text": _text(f["code"], f.get("args", {})),
                                           "points": f["points"]} for f in factors]
