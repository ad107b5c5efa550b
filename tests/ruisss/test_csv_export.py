from decimal import Decimal

import pytest

from ruisss.csv_export import csv_cell


@pytest.mark.parametrize("typed", ["=1+1", "+33 6", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_is_kept_as_text(typed):
    assert csv_cell(typed) == "'" + typed


@pytest.mark.parametrize("value", [-3, 2.5, Decimal("-1.5"), "Québec", "a=b", ""])
def test_numbers_and_ordinary_text_are_written_as_they_are(value):
    assert csv_cell(value) == value


def test_an_empty_value_is_an_empty_cell():
    assert csv_cell(None) == ""
