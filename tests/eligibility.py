"""What the matching engine says of one person, for the tests of the layers below it."""

from jumelage import engine, scoring
from tests import factories

PERSONAL_RULES = {scoring.INACTIVE, scoring.NO_CONSENT, scoring.PAUSED}


def personal_exclusions(member) -> set[str]:
    """The rules about the person alone for which the engine sets `member` aside."""
    project = factories.ProjectFactory()
    for candidate, codes in engine.exclusions(project, search=member.user.email):
        if candidate.pk == member.pk:
            return PERSONAL_RULES & set(codes)
    return set()
