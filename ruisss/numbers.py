"""Quantities typed the way people type them: « 1,5 » as much as « 1.5 ».

A browser's number input drops a decimal comma in some locales, and Django's DecimalField
reads « 1,5 » in English as fifteen (the comma is a thousands separator there). Hours and
amounts are small numbers typed by hand, so both separators mean the decimal point, in
either language, and anything else is refused with an example.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Spaces a person or a keyboard puts between thousands: plain, no-break, narrow no-break.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


class DecimalInput(forms.TextInput):
    """A text input that brings up the numeric keypad, comma included, on phones."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


def parse_decimal(text: str) -> Decimal:
    """« 1,5 », « 1.5 » and « 1 250,75 » as Decimals; ValueError for anything else."""
    cleaned = _SPACES.sub("", text)
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(text) from error


class DecimalCommaField(forms.DecimalField):
    widget = DecimalInput
    default_error_messages = {
        "invalid": _("Entrez un nombre, par exemple 1,5 (une virgule ou un point)."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown in the page's language (« 1,5 » in French); read back in either form.
        self.widget.is_localized = True

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class DecimalCommaAdmin:
    """For a ModelAdmin or an inline: every decimal field reads « 1,5 » as 1.5."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField):
            kwargs.setdefault("form_class", DecimalCommaField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
