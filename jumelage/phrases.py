"""Sentences of the matching engine, rendered in the reader's language when displayed.

Pairings store factor codes and plain arguments (see scoring.py), never sentences, so
that the same explanation reads in French or in English.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communaute.enums import ContinuumStep, Domain
from jumelage import scoring
from ruisss.fields import values_of

RULE_SENTENCES = {
    scoring.INACTIVE: _("Le profil n'est pas actif."),
    scoring.NO_CONSENT: _("La personne n'a pas consenti à l'utilisation de son profil pour "
                          "le jumelage."),
    scoring.PAUSED: _("La personne a mis sa participation en pause."),
    scoring.KIND: _("Le projet ne cherche pas ce type de personne."),
    scoring.LANGUAGE: _("Aucune langue en commun avec le projet."),
    scoring.REGION: _("Sa région n'est pas parmi celles du projet, qui se déroule en "
                      "personne."),
    scoring.TRAINING: _("Une formation exigée par le projet n'est pas complétée."),
    scoring.CAPACITY: _("La personne a atteint son nombre maximal d'engagements "
                        "simultanés."),
    scoring.ALREADY: _("Déjà invitée, engagée, ayant décliné ou écartée pour ce projet."),
}


def factor_sentence(factor: dict) -> str:
    """« Domaine Recherche demandé, dans vos domaines : +30 » in the active language."""
    code, args = factor["code"], factor.get("args", {})
    if code == scoring.MAIN_DOMAIN:
        text = _("Domaine %(domain)s demandé, dans vos domaines") % {
            "domain": Domain(args["domain"]).label}
    elif code == scoring.OTHER_DOMAINS:
        labels = [str(Domain(value).label) for value in values_of(Domain, args["domains"])]
        text = _("Autres domaines du projet dans vos domaines (%(domains)s)") % {
            "domains": ", ".join(labels)}
    elif code == scoring.CONTINUUM:
        text = _("Étape « %(step)s » offerte, dans ce que vous souhaitez") % {
            "step": ContinuumStep(args["step"]).label}
    elif code == scoring.CONTINUUM_STRETCH:
        text = _("Étape « %(step)s » offerte, un pas de plus que ce que vous souhaitez "
                 "(%(wish)s)") % {"step": ContinuumStep(args["step"]).label,
                                  "wish": ContinuumStep(args["wish"]).label}
    elif code == scoring.TOPICS:
        text = ngettext("%(count)s sujet de santé en commun",
                        "%(count)s sujets de santé en commun", args["count"]) % args
    elif code == scoring.HOURS:
        text = _("%(available)s h par mois offertes pour %(asked)s h demandées") % args
    elif code == scoring.ROTATION_NEVER:
        text = _("Jamais encore invité(e) : la rotation équitable vous donne priorité")
    elif code == scoring.ROTATION:
        text = _("Rotation équitable : moins sollicité(e) que d'autres")
    elif code == scoring.INTEREST:
        text = _("Vous avez dit « Ça m'intéresse » pour ce projet")
    else:
        text = code
    return _("%(text)s : +%(points)s") % {"text": text, "points": factor["points"]}


def factor_sentences(factors: list[dict]) -> list[str]:
    return [factor_sentence(factor) for factor in factors]
