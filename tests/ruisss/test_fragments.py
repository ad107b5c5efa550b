import threading

import pytest
from django.core.cache import cache

from ruisss import fragments

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_value_is_computed_once_then_read_from_the_cache():
    calls = []

    def compute():
        calls.append(1)
        return "chiffres"

    assert fragments.computed_once("essai", compute, timeout=60) == "chiffres"
    assert fragments.computed_once("essai", compute, timeout=60) == "chiffres"
    assert len(calls) == 1


def test_while_another_computes_a_request_waits_for_its_result_instead_of_computing():
    cache.add("essai:en-calcul", 1, 30)
    threading.Timer(0.2, lambda: cache.set("essai", "celui de l'autre", 60)).start()

    def compute():
        raise AssertionError("computed twice")

    assert fragments.computed_once("essai", compute, timeout=60) == "celui de l'autre"


def test_a_bump_gives_the_fragments_of_that_version_new_keys():
    before = fragments.key("liste", versions=("catalogue",), parts=("page", 1))
    assert fragments.key("liste", versions=("catalogue",), parts=("page", 1)) == before
    fragments.bump("catalogue")
    assert fragments.key("liste", versions=("catalogue",), parts=("page", 1)) != before
