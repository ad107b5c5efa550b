"""Dates typed into a form stay within years the platform can compute with and store.

Python's dates stop at 9999-12-31: a period that ends that day overflows when it adds a
day, and a time on that day, moved to UTC, is stored in a year that no page can then read.
No date in the life of the community falls outside 1900-2100, so anything else is a
typing error, told beside the field like any other.
"""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

DATE_FIELDS = (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)


def plausible_date(value) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Entrez une date entre le %(earliest)s et le %(latest)s."), code="out_of_range",
            params={"earliest": date_format(EARLIEST), "latest": date_format(LATEST)})


def bound_dates(field: forms.Field) -> forms.Field:
    """`field` with plausible_date among its validators, if it takes a date."""
    if isinstance(field, DATE_FIELDS) and plausible_date not in field.validators:
        field.validators.append(plausible_date)
    return field


class PlausibleDatesMixin:
    """For a form: every date field refuses a date outside EARLIEST-LATEST."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bound_dates(field)


class PlausibleDatesAdmin:
    """For a ModelAdmin or an inline: the same, on the fields the admin builds."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return field if field is None else bound_dates(field)
