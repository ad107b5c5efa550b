"""A set of choices stored in one integer column, one bit per choice.

Members and projects each carry several small sets (kinds, domains, languages). As
bits, "does this member share a domain with the project" is one `&` the database
evaluates for every row, on SQLite and PostgreSQL alike, which keeps the matching
ranking inside the database. Bits follow the declaration order of the choices: new
choices are appended, never inserted.
"""

from functools import cache

from django import forms
from django.core import checks, exceptions
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@cache
def _bits(choices_class) -> dict:
    # Enumerating a choices class builds its members anew each time: read it once.
    return {value: 1 << i for i, value in enumerate(choices_class.values)}


def flag_of(choices_class, value) -> int:
    return _bits(choices_class)[value]


def mask_of(choices_class, values) -> int:
    bits = _bits(choices_class)
    mask = 0
    for value in values:
        mask |= bits[value]
    return mask


def has_flag(queryset, field: str, choices_class, value):
    """Rows whose bitmask `field` holds the bit of `value` (the database does the `&`)."""
    alias = f"{field}_has_flag"
    return queryset.alias(**{alias: models.F(field).bitand(flag_of(choices_class, value))}
                          ).filter(**{f"{alias}__gt": 0})


@cache
def _labels(choices_class, language: str | None) -> dict:
    return {value: str(label) for value, label in choices_class.choices}


def label_of(choices_class, value) -> str:
    """The label of `value` in the active language. A lazy label translates on each use,
    and a long list shows the same few labels on every row: each class is translated once
    per language."""
    return _labels(choices_class, get_language()).get(value, value)


def values_of(choices_class, mask: int) -> list:
    return [value for value, bit in _bits(choices_class).items() if mask & bit]


class FlagsField(models.PositiveIntegerField):
    description = _("Ensemble de choix")

    def __init__(self, *args, flags=None, **kwargs):
        self.flags = flags
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)

    @property
    def validators(self):
        # The integer range validators do not apply to the list this field exposes.
        return []

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.flags is None:
            errors.append(checks.Error("FlagsField requires flags=", obj=self))
        return errors

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["flags"] = self.flags
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return values_of(self.flags, value or 0)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, int):
            return values_of(self.flags, value)
        values = list(value)
        unknown = [v for v in values if v not in self.flags.values]
        if unknown:
            raise exceptions.ValidationError(
                _("Choix invalide : %(value)s."), code="invalid_choice",
                params={"value": ", ".join(map(str, unknown))},
            )
        return [v for v in self.flags.values if v in values]

    def get_prep_value(self, value):
        if isinstance(value, int):
            return value
        return mask_of(self.flags, self.to_python(value))

    def get_default(self):
        return values_of(self.flags, super().get_default() or 0)

    def value_to_string(self, obj):
        return ",".join(map(str, self.value_from_object(obj)))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.flags.choices,
            # A form sends text; integer choices (steps of the continuum) compare as numbers.
            "coerce": int if issubclass(self.flags, models.IntegerChoices) else str,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        # PositiveIntegerField.formfield would force an IntegerField; skip to Field's.
        return models.Field.formfield(self, **defaults)

    def labels(self, obj) -> list[str]:
        return [label_of(self.flags, v) for v in self.value_from_object(obj)]
