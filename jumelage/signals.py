"""What makes the shared ranking of the candidates page stale (jumelage/engine.py,
`_shared_fetch`): a member, their health topics or a pairing changes. Completions have
their own version (formation/signals.py); the project's facts and the weights are in the
key itself.

A pairing created, deleted or changing status also recounts its member's places held
(`Member.places_held`), whoever saves it: services, admin or factories."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from ruisss import fragments


def ranking_changed(**kwargs):
    from jumelage.engine import RANKING

    fragments.bump(RANKING)


def places_changed(instance, created=False, update_fields=None, **kwargs):
    from communaute.models import Member
    from jumelage.models import places_recount

    if not created and update_fields is not None and "status" not in update_fields:
        return
    with transaction.atomic():
        member = Member.objects.filter(pk=instance.member_id)
        # Locked before counting: a pairing of the same member committed meanwhile by
        # another request is then in the count, whichever finishes last.
        list(member.select_for_update().values_list("pk"))
        places_recount(member)


def connect():
    from communaute.models import Member
    from jumelage.models import Pairing

    for model in (Member, Pairing):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(ranking_changed, sender=model,
                           dispatch_uid=f"classement-{name}-{model.__name__}")
    m2m_changed.connect(ranking_changed, sender=Member.health_topics.through,
                        dispatch_uid="classement-sujets")
    post_save.connect(places_changed, sender=Pairing, dispatch_uid="places-save")
    post_delete.connect(places_changed, sender=Pairing, dispatch_uid="places-delete")
