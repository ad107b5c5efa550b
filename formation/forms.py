from django import forms
from django.utils.translation import gettext_lazy as _

from formation.enums import CourseFormat
from formation.models import Course


class DeclarationForm(forms.Form):
    """Pick a self-paced course one has finished and not yet declared."""

    course = forms.ModelChoiceField(label=_("Formation à son rythme terminée"),
                                    queryset=Course.objects.none(),
                                    empty_label=_("Choisir une formation"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (Course.objects.published().open_to(user)
                                          .filter(format=CourseFormat.ASYNCHRONOUS)
                                          .exclude(completions__user=user))
