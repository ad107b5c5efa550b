from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from communaute.roles import is_coordinator, member_required
from temoignages import phrases
from temoignages.forms import StoryForm
from temoignages.models import Story
from temoignages.services import story_save, story_withdraw

PAGE_SIZE = 10


def story_list(request):
    stories = Story.objects.published().select_related("author")
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "temoignages/liste.html", {"page": page, "query": ""})


def story_detail(request, pk):
    """A published story; its author and the coordinators also see it before or after."""
    story = get_object_or_404(Story.objects.select_related("author"), pk=pk)
    published = Story.objects.published().filter(pk=pk).exists()
    if not published and not (story.author_id == request.user.pk
                              or is_coordinator(request.user)):
        raise Http404
    return render(request, "temoignages/detail.html", {"story": story,
                                                        "published": published})


@member_required
def my_stories(request):
    stories = Story.objects.filter(author=request.user).order_by("-created_at")
    return render(request, "temoignages/mes_temoignages.html", {"stories": stories})


def _write(request, story=None):
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "soumettre"
        try:
            story_save(author=request.user, story=story, submit=submit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, phrases.SUBMITTED if submit else phrases.SAVED)
            return redirect("mes_temoignages")
    return render(request, "temoignages/ecrire.html", {"form": form, "story": story})


@member_required
def story_write(request):
    return _write(request)


@member_required
def story_edit(request, pk):
    story = get_object_or_404(Story.objects.filter(author=request.user), pk=pk)
    if not story.editable:
        messages.error(request, phrases.NOT_EDITABLE)
        return redirect("mes_temoignages")
    return _write(request, story)


@require_POST
@login_required
def story_take_back(request, pk):
    story = get_object_or_404(Story.objects.filter(author=request.user), pk=pk)
    try:
        story_withdraw(story=story)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, phrases.WITHDRAWN)
    return redirect("mes_temoignages")
