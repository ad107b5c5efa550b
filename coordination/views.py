from django.contrib import admin
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from communaute.roles import coordinator_required
from coordination.forms import IndicatorFilterForm
from coordination.indicators import Indicators, shared_tables
from ruisss.csv_export import csv_response


def _indicators(request):
    form = IndicatorFilterForm(request.GET or None)
    return form, Indicators(form.period(), form.selected_region())


@coordinator_required
def dashboard(request):
    form, indicators = _indicators(request)
    computed_at, tables = shared_tables(indicators)
    return render(request, "coordination/indicateurs.html", {
        **admin.site.each_context(request),
        "title": _("Indicateurs de la communauté"),
        "form": form,
        "period": indicators.period,
        "tables": tables,
        "computed_at": computed_at,
        "query": request.GET.urlencode(),
    })


@coordinator_required
def dashboard_csv(request, slug):
    _form, indicators = _indicators(request)
    table = indicators.table(slug)
    if table is None:
        raise Http404
    filename = f"{slug}-{indicators.period.start}-{indicators.period.end}.csv"
    return csv_response(filename, table.headers, table.rows)
