from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from temoignages.models import Story

FEED_SIZE = 20


class StoryFeed(Feed):
    """Published stories; a withdrawn one leaves the feed as soon as it is withdrawn."""

    feed_type = Atom1Feed
    title = _("Témoignages de la Communauté de pratique des citoyen(ne)s du RUISSS UL")
    subtitle = _("L'expérience des citoyen(ne)s, patient(e)s et proches aidant(e)s engagé(e)s "
                 "en partenariat.")
    link = reverse_lazy("temoignages")

    def items(self):
        return Story.objects.published().select_related("author")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text

    def item_author_name(self, item):
        return item.signature

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
