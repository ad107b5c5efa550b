"""The records this app keeps about a person (see communaute.personal_data).

Stories are the person's own words: deleting the account deletes them, published or not.
"""

from django.utils.translation import gettext_lazy as _

from communaute.personal_data import Records, register
from temoignages.models import Story

register(
    Records("stories", _("Témoignages"), Story,
            lambda user: Story.objects.filter(author=user).select_related("author",
                                                                          "reviewed_by"),
            erase=lambda user: Story.objects.filter(author=user).delete()),
)
