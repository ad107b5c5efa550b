import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from communaute.enums import ContinuumStep, Domain, Language, MemberKind, Modality
from communaute.models import HealthTopic, Region
from recrutement.enums import Compensation
from recrutement.models import Project
from ruisss.fields import flag_of, has_flag
from ruisss.search import matching_words


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Recherche"), method="filter_search")
    domain = django_filters.ChoiceFilter(label=_("Domaine d'implication"),
                                         choices=Domain.choices, method="filter_domain",
                                         empty_label=_("Tous"))
    continuum_step = django_filters.ChoiceFilter(label=_("Étape du continuum"),
                                                 choices=ContinuumStep.choices,
                                                 empty_label=_("Toutes"))
    region = django_filters.ModelChoiceFilter(
        label=_("Région (ou à distance)"), queryset=Region.objects.filter(active=True),
        method="filter_region", empty_label=_("Toutes"))
    remote = django_filters.BooleanFilter(
        label=_("Possible à distance"), method="filter_remote",
        widget=django_filters.widgets.BooleanWidget())
    kind = django_filters.ChoiceFilter(label=_("Je suis"), choices=MemberKind.choices,
                                       method="filter_kind", empty_label=_("Tous"))
    topic = django_filters.ModelChoiceFilter(
        label=_("Sujet de santé"), queryset=HealthTopic.objects.filter(active=True),
        method="filter_topic", empty_label=_("Tous"))
    compensation = django_filters.ChoiceFilter(label=_("Rémunération"),
                                               choices=Compensation.choices,
                                               empty_label=_("Toutes"))
    language = django_filters.ChoiceFilter(label=_("Langue"), choices=Language.choices,
                                           method="filter_language", empty_label=_("Toutes"))

    class Meta:
        model = Project
        fields = ["q", "domain", "continuum_step", "region", "remote", "kind", "topic",
                  "compensation", "language"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(matching_words(value, "title", "summary"))

    def filter_domain(self, queryset, name, value):
        return queryset.alias(
            other_has_domain=F("other_domains").bitand(flag_of(Domain, value))
        ).filter(Q(main_domain=value) | Q(other_has_domain__gt=0))

    def filter_region(self, queryset, name, value):
        in_region = Project.regions.through.objects.filter(region=value).values("project_id")
        return queryset.filter(Q(pk__in=in_region) | Q(modality=Modality.REMOTE))

    def filter_remote(self, queryset, name, value):
        remote = Q(modality__in=[Modality.REMOTE, Modality.HYBRID])
        return queryset.filter(remote) if value else queryset.exclude(remote)

    def filter_kind(self, queryset, name, value):
        return has_flag(queryset, "kinds_sought", MemberKind, value)

    def filter_topic(self, queryset, name, value):
        with_topic = Project.health_topics.through.objects.filter(
            healthtopic=value).values("project_id")
        return queryset.filter(pk__in=with_topic)

    def filter_language(self, queryset, name, value):
        return has_flag(queryset, "languages", Language, value)
