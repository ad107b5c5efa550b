from django import template
from django.utils import timezone

from formation.forms import DeclarationForm
from formation.models import Completion, Enrolment

register = template.Library()


@register.simple_tag
def trainings_of(user):
    """What the dashboard shows of a person's trainings, in three queries."""
    enrolments = (Enrolment.objects.owned_by(user).open()
                  .filter(session__starts_at__gt=timezone.now())
                  .select_related("session__course").with_waiting_position()
                  .order_by("session__starts_at")
                  # The columns the space shows: the rows are built faster without the rest.
                  .only("status", "session__starts_at", "session__course__title",
                        "session__course__slug"))
    completions = (Completion.objects.filter(user=user).select_related("course")
                   .only("status", "course__title"))
    form = DeclarationForm(user=user, auto_id="id_declaration_%s")
    # One query for the courses left to declare: whether to show the form, and its choices.
    field = form.fields["course"]
    courses = [(course.pk, field.label_from_instance(course))
               for course in field.queryset.only("title")]
    field.choices = [("", field.empty_label), *courses]
    return {"enrolments": enrolments, "completions": completions,
            "declaration_form": form if courses else None}
