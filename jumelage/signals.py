"""What makes the shared ranking of the candidates page stale (jumelage/engine.py,
`_shared_fetch`): a member, their health topics or a pairing changes. Completions have
their own version (formation/signals.py); the project's facts and the weights are in the
key itself."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from ruisss import fragments


def ranking_changed(**kwargs):
    from jumelage.engine import RANKING

    fragments.bump(RANKING)


def connect():
    from communaute.models import Member
    from jumelage.models import Pairing

    for model in (Member, Pairing):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(ranking_changed, sender=model,
                           dispatch_uid=f"classement-{name}-{model.__name__}")
    m2m_changed.connect(ranking_changed, sender=Member.health_topics.through,
                        dispatch_uid="classement-sujets")
