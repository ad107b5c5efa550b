import django_filters
from django.utils.translation import gettext_lazy as _

from communaute.enums import Audience, ContinuumStep, Domain
from ressources.enums import ResourceKind
from ressources.models import Resource
from ruisss.fields import has_flag
from ruisss.search import matching_words


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Recherche"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=ResourceKind.choices,
                                       empty_label=_("Tous"))
    audience = django_filters.ChoiceFilter(
        label=_("Public"), choices=[(Audience.MEMBERS, Audience.MEMBERS.label),
                                    (Audience.TEAMS, Audience.TEAMS.label)],
        empty_label=_("Tous les publics"), method="filter_audience")
    domain = django_filters.ChoiceFilter(label=_("Domaine d'implication"),
                                         choices=Domain.choices, method="filter_domain",
                                         empty_label=_("Tous"))
    step = django_filters.ChoiceFilter(label=_("Étape du continuum"),
                                       choices=ContinuumStep.choices, method="filter_step",
                                       empty_label=_("Toutes"))

    class Meta:
        model = Resource
        fields = ["q", "kind", "audience", "domain", "step"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            matching_words(value, "title", "title_en", "summary", "summary_en"))

    def filter_audience(self, queryset, name, value):
        # A resource for everyone is also one for members and for teams.
        return queryset.filter(audience__in=[value, Audience.EVERYONE])

    def filter_domain(self, queryset, name, value):
        return has_flag(queryset, "domains", Domain, value)

    def filter_step(self, queryset, name, value):
        return has_flag(queryset, "steps", ContinuumStep, int(value))
