from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache

from ressources.filters import ResourceFilter
from ressources.models import Resource
from ressources.services import download_record

PAGE_SIZE = 20


def _resource_or_404(request, pk):
    """A resource the visitor may open; a signed-in-only one sends a visitor to log in."""
    resource = get_object_or_404(Resource.objects.published(), pk=pk)
    if not resource.public and not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    return resource, None


def resource_list(request):
    filterset = ResourceFilter(request.GET, queryset=Resource.objects.visible_to(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "ressources/liste.html", {
        "filter": filterset, "page": page, "query": query.urlencode(),
    })


def resource_detail(request, pk):
    resource, login = _resource_or_404(request, pk)
    return login or render(request, "ressources/detail.html", {"resource": resource})


# A copy kept by a cache on the way would be downloaded without being counted.
@never_cache
def resource_download(request, pk):
    """The file, as an attachment, or the link; each one counted for the indicators."""
    resource, login = _resource_or_404(request, pk)
    if login:
        return login
    download_record(resource=resource)
    if resource.link:
        return redirect(resource.link)
    filename = f"{slugify(resource.heading) or 'ressource'}.{resource.file_type}"
    return FileResponse(resource.file.open("rb"), as_attachment=True, filename=filename,
                        content_type=resource.content_type)
