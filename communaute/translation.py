"""Reference lists written in both languages (django-modeltranslation): `name` reads the
page's language, French when the English is missing."""

from modeltranslation.translator import TranslationOptions, register

from communaute.models import HealthTopic, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(HealthTopic)
class HealthTopicTranslation(TranslationOptions):
    fields = ("name",)
