"""Establishment names in both languages (see communaute/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from recrutement.models import Establishment


@register(Establishment)
class EstablishmentTranslation(TranslationOptions):
    fields = ("name",)
