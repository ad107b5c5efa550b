"""Admin actions that run a service on each selected row, with or without a reason.

A row the service refuses (a ValidationError) is reported by name beside the others:
one refused row never stops the rest, and never gives a server error.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


def apply_to_selected(modeladmin, request, queryset, service, done, *, argument: str,
                      **kwargs) -> int:
    """Call `service(<argument>=row, **kwargs)` for each row; `done` % {"count": n}."""
    succeeded = 0
    for obj in queryset:
        try:
            service(**{argument: obj}, **kwargs)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj} : {' '.join(error.messages)}",
                                    messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done % {"count": succeeded}, messages.SUCCESS)
    return succeeded


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motif ou commentaire"), widget=forms.Textarea,
                             max_length=2000)


def apply_with_reason(modeladmin, request, queryset, service, done, *, argument: str,
                      reason_argument: str, title, intro="", **kwargs):
    """Ask a reason on an intermediate page, then apply `service` with it (and `kwargs`)
    to each row."""
    form = ReasonForm(request.POST if "reason" in request.POST else None)
    if form.is_valid():
        apply_to_selected(modeladmin, request, queryset, service, done, argument=argument,
                          **{reason_argument: form.cleaned_data["reason"]}, **kwargs)
        return None
    return TemplateResponse(request, "admin/motif.html", {
        **modeladmin.admin_site.each_context(request),
        "title": title, "intro": intro, "form": form, "queryset": queryset,
        "opts": modeladmin.model._meta, "action": request.POST["action"],
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    })
