import csv

from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from kombu import Connection

from formation.models import Course
from recrutement.models import Project
from ruisss.forms import IndicatorFilterForm
from ruisss.indicators import Indicators
from ruisss.roles import coordinator_required


def home(request):
    return render(request, "accueil.html", {
        "open_projects": Project.objects.open().count(),
        "courses": Course.objects.published().count(),
    })


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok(url: str) -> bool:
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@never_cache
def health(request):
    checks = {"database": "ok" if _database_ok() else "error"}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = "ok" if _broker_ok(settings.CELERY_BROKER_URL) else "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks},
                        status=200 if healthy else 503)


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
