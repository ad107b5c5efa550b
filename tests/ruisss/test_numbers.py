"""Quantities typed with a decimal comma or point, in either language."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from ruisss.numbers import DecimalCommaField


class QuantityForm(forms.Form):
    hours = DecimalCommaField(min_value=Decimal("0.5"), decimal_places=1)


@pytest.mark.parametrize("language", ["fr-ca", "en"])
@pytest.mark.parametrize(("typed", "read"), [
    ("1,5", Decimal("1.5")), ("1.5", Decimal("1.5")), (" 2 ", Decimal(2)), (",5", Decimal("0.5")),
    ("1 250,5", Decimal("1250.5")), ("1\u00a0250.5", Decimal("1250.5")), ("3,", Decimal(3)),
])
def test_a_comma_or_a_point_is_the_decimal_separator_in_both_languages(language, typed, read):
    with translation.override(language):
        form = QuantityForm({"hours": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["hours"] == read


@pytest.mark.parametrize(("language", "message"), [
    ("fr-ca", "Entrez un nombre, par exemple 1,5 (une virgule ou un point)."),
    ("en", "Enter a number, for example 1.5 (with a comma or a point)."),
])
@pytest.mark.parametrize("typed", ["abc", "1,2,5", "1.250,5", "1,5h", "NaN", "1e3", "--1"])
def test_anything_else_is_refused_with_an_example(language, message, typed):
    with translation.override(language):
        form = QuantityForm({"hours": typed})
        assert form.errors == {"hours": [message]}


def test_the_input_brings_up_a_keypad_that_keeps_the_comma():
    html = str(QuantityForm()["hours"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'type="number"' not in html


def test_a_value_is_shown_in_the_pages_language():
    for language, shown in [("fr-ca", 'value="1,5"'), ("en", 'value="1.5"')]:
        with translation.override(language):
            assert shown in str(QuantityForm(initial={"hours": Decimal("1.5")})["hours"])
