"""The catalogue in both languages (see communaute/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from formation.models import Course


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
