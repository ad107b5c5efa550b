"""Sentences of the matching engine, rendered in the reader's language when displayed.

Pairings store factor codes and plain arguments (see scoring.py), never sentences, so
that the same explanation reads in French or in English. The coordinators read about a
person in the third person; the member reads about themselves in the second.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communaute.enums import ContinuumStep, Domain
from jumelage import scoring
from ruisss.fields import label_of, values_of

# For the coordinators: why a person is not proposed, one sentence per cause.
RULE_SENTENCES = {
    scoring.INACTIVE: _("Le profil n'est pas actif."),
    scoring.NO_CONSENT: _("La personne n'a pas consenti à l'utilisation de son profil pour "
                          "le jumelage."),
    scoring.PAUSED: _("La personne a mis sa participation en pause."),
    scoring.KIND: _("Le projet ne cherche pas ce type de personne."),
    scoring.LANGUAGE: _("Aucune langue en commun avec le projet."),
    scoring.REGION: _("Le projet se déroule en personne, dans des régions qui ne comprennent "
                      "pas celle de la personne."),
    scoring.NOT_IN_PERSON: _("La personne souhaite participer à distance seulement; le "
                             "projet se déroule en personne."),
    scoring.NOT_REMOTE: _("La personne souhaite participer en personne seulement; le projet "
                          "se déroule à distance."),
    scoring.HYBRID_FAR: _("Le projet hybride accueille en personne dans ses régions; la "
                          "personne vit ailleurs et souhaite participer en personne "
                          "seulement."),
    scoring.LEVEL: _("Le projet offre une étape du continuum deux pas ou plus au-delà de ce "
                     "que la personne souhaite."),
    scoring.TRAINING: _("Une formation exigée par le projet n'est pas complétée."),
    scoring.CAPACITY: _("La personne a atteint son nombre maximal de projets à la fois, en "
                        "comptant les invitations qui attendent sa réponse."),
    scoring.INVITED_HERE: _("Déjà invité(e) à ce projet : sa réponse est attendue."),
    scoring.ENGAGED_HERE: _("Déjà engagé(e) dans ce projet."),
    scoring.ENDED_HERE: _("A déjà participé à ce projet."),
    scoring.DECLINED_HERE: _("A décliné l'invitation à ce projet."),
    scoring.SET_ASIDE_HERE: _("Écarté(e) de ce projet par la coordination."),
}

FOR_MEMBER = "membre"
FOR_COORDINATION = "coordination"

# Codes stored by earlier versions of the engine: their pairings keep their sentences.
ROTATION_NEVER_2026 = "rotation_jamais"
ROTATION_2026 = "rotation"


def _domains(args) -> str:
    return ", ".join(label_of(Domain, value) for value in values_of(Domain, args["domains"]))


def _text(code: str, args: dict, member: bool) -> str:
    """The sentence of one factor, without its points."""
    if code == scoring.MAIN_DOMAIN:
        domain = label_of(Domain, args["domain"])
        return (_("Domaine %(domain)s demandé, dans vos domaines") if member else
                _("Domaine %(domain)s demandé, dans ses domaines")) % {"domain": domain}
    if code == scoring.OTHER_DOMAINS:
        return (_("Autres domaines du projet dans vos domaines (%(domains)s)") if member else
                _("Autres domaines du projet dans ses domaines (%(domains)s)")) % {
            "domains": _domains(args)}
    if code == scoring.CONTINUUM:
        step = label_of(ContinuumStep, args["step"])
        return (_("Étape « %(step)s » offerte, dans ce que vous souhaitez") if member else
                _("Étape « %(step)s » offerte, dans ce que la personne souhaite")) % {
            "step": step}
    if code == scoring.CONTINUUM_STRETCH:
        values = {"step": label_of(ContinuumStep, args["step"]),
                  "wish": label_of(ContinuumStep, args["wish"])}
        return (_("Étape « %(step)s » offerte, un pas de plus que ce que vous souhaitez "
                  "(%(wish)s) : moins de points") if member else
                _("Étape « %(step)s » offerte, un pas de plus que ce que la personne "
                  "souhaite (%(wish)s) : moins de points")) % values
    if code == scoring.TOPICS:
        return ngettext("%(count)s sujet de santé en commun",
                        "%(count)s sujets de santé en commun", args["count"]) % args
    if code == scoring.HOURS:
        return _("%(available)s h par mois offertes pour %(asked)s h demandées") % args
    if code == scoring.ROTATION_NONE:
        return (_("Aucune sollicitation depuis 12 mois : la rotation équitable vous donne "
                  "priorité") if member else
                _("Aucune sollicitation depuis 12 mois : la rotation équitable lui donne "
                  "priorité"))
    if code == scoring.ROTATION:
        return (_("Rotation équitable : vous avez été peu sollicité(e) ces 12 derniers mois")
                if member else
                _("Rotation équitable : peu sollicité(e) ces 12 derniers mois"))
    if code == scoring.INTEREST:
        return (_("Vous avez dit « Ça m'intéresse » pour ce projet") if member else
                _("A dit « Ça m'intéresse » pour ce projet"))
    if code == ROTATION_NEVER_2026:
        return (_("Jamais encore invité(e) : la rotation équitable vous donne priorité")
                if member else
                _("Jamais encore invité(e) : la rotation équitable lui donne priorité"))
    if code == ROTATION_2026:
        return _("Rotation équitable : moins sollicité(e) que d'autres")
    return code


def factor_sentence(factor: dict, reader: str = FOR_MEMBER) -> str:
    """« Domaine Recherche demandé, dans vos domaines : +15 » in the active language."""
    text = _text(factor["code"], factor.get("args", {}), member=reader == FOR_MEMBER)
    return _("%(text)s : +%(points)s") % {"text": text, "points": factor["points"]}


def factor_sentences(factors: list[dict], reader: str = FOR_MEMBER) -> list[str]:
    return [factor_sentence(factor, reader) for factor in factors]


def points_sentence(points: int, maximum: int, score: int) -> str:
    """« 62 points sur 90, soit 69 % »: the score with what it is made of."""
    return ngettext("%(points)s point sur %(maximum)s, soit %(score)s %%",
                    "%(points)s points sur %(maximum)s, soit %(score)s %%",
                    points) % {"points": points, "maximum": maximum, "score": score}
