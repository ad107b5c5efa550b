import csv

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from communaute.roles import coordinator_required
from coordination.forms import IndicatorFilterForm
from coordination.indicators import Indicators


def _indicators(request):
    form = IndicatorFilterForm(request.GET or None)
    return form, Indicators(form.period(), form.selected_region())


@coordinator_required
def dashboard(request):
    form, indicators = _indicators(request)
    return render(request, "coordination/indicateurs.html", {
        **admin.site.each_context(request),
        "title": _("Indicateurs de la communauté"),
        "form": form,
        "period": indicators.period,
        "tables": indicators.tables(),
        "query": request.GET.urlencode(),
    })


@coordinator_required
def dashboard_csv(request, slug):
    _form, indicators = _indicators(request)
    table = indicators.table(slug)
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slug}-{indicators.period.start}-{indicators.period.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 accents correctly with a BOM.
    writer = csv.writer(response)
    writer.writerow([str(header) for header in table.headers])
    writer.writerows([[str(cell) for cell in row] for row in table.rows])
    return response
