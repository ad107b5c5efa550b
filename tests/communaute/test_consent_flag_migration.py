"""The confidentiality flag a migration fills from the consent history."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from communaute.enums import ConsentKind
from communaute.models import Member
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("communaute.migrations.0011_member_consent_confidentiality")


def test_the_latest_confidentiality_consent_sets_the_flag():
    now = timezone.now()
    kept, withdrawn, never = factories.MemberFactory.create_batch(3)
    for member, answers in ((kept, [False, True]), (withdrawn, [True, False])):
        for minutes, given in enumerate(answers):
            member.consents.create(kind=ConsentKind.CONFIDENTIALITY, given=given,
                                   text_version="1", recorded_at=now + timedelta(minutes=minutes))
    never.consents.create(kind=ConsentKind.NEWS, given=True, text_version="1", recorded_at=now)
    Member.objects.update(consent_confidentiality=False)
    migration.from_history(apps, None)
    flags = dict(Member.objects.values_list("pk", "consent_confidentiality"))
    assert flags == {kept.pk: True, withdrawn.pk: False, never.pk: False}
