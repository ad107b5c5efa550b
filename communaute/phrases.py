"""The wording people agree to. A change here needs a new CONSENT_TEXT_VERSIONS entry."""

from django.utils.translation import gettext_lazy as _

from communaute.enums import ConsentKind

CONSENT_TEXTS = {
    ConsentKind.MATCHING: _(
        "J'accepte que mon profil serve à me proposer des projets. Le moteur de jumelage "
        "compare mes domaines d'implication, l'étape du continuum que je souhaite, mes sujets "
        "de santé (si je les donne), mes disponibilités, mes langues, ma région et mes "
        "formations à ce que chaque projet demande. Une personne de la coordination décide "
        "toujours : rien ne m'est proposé automatiquement, et je peux refuser."),
    ConsentKind.SENSITIVE: _(
        "J'accepte que la communauté conserve les renseignements de santé et l'expérience "
        "de soins que je donne, pour me proposer des projets qui y correspondent. Si je "
        "retire ce consentement, ces renseignements sont effacés aussitôt."),
    ConsentKind.NEWS: _(
        "Facultatif. J'accepte de recevoir les nouvelles et les invitations aux événements "
        "de la communauté."),
    ConsentKind.CONFIDENTIALITY: _(
        "Je m'engage à garder confidentiel tout ce que j'apprendrai sur les personnes, les "
        "équipes et les projets auxquels je participerai, pendant et après mon implication."),
}
