import django_filters
from django.utils.translation import gettext_lazy as _

from communaute.enums import Audience, InterfaceLanguage
from formation.enums import CourseFormat
from formation.models import Course


class CourseFilter(django_filters.FilterSet):
    audience = django_filters.ChoiceFilter(
        label=_("Public"), choices=[(Audience.MEMBERS, Audience.MEMBERS.label),
                                    (Audience.TEAMS, Audience.TEAMS.label)],
        empty_label=_("Tous les publics"), method="filter_audience")
    format = django_filters.ChoiceFilter(label=_("Format"), choices=CourseFormat.choices,
                                         empty_label=_("Tous les formats"))
    language = django_filters.ChoiceFilter(label=_("Langue"), choices=InterfaceLanguage.choices,
                                           empty_label=_("Toutes les langues"))

    class Meta:
        model = Course
        fields = ["audience", "format", "language"]

    def filter_audience(self, queryset, name, value):
        # A course for everyone is also a course for members and for teams.
        return queryset.filter(audience__in=[value, Audience.EVERYONE])
