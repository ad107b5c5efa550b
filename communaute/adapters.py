from django.urls import reverse

from communaute import roles
from messagerie.adapters import AccountAdapter as OutboxAccountAdapter


class AccountAdapter(OutboxAccountAdapter):
    def get_login_redirect_url(self, request):
        """Each person lands where their work is, unless the link they followed says
        where (allauth gives `next` precedence): the coordination's admin, the team's
        space, or the member's space."""
        user = request.user
        if roles.is_coordinator(user):
            return reverse("admin:index")
        if roles.is_team_member(user):
            return reverse("equipe")
        return reverse("espace")

    def get_signup_redirect_url(self, request):
        """A newcomer confirming their address lands in their space just the same."""
        return self.get_login_redirect_url(request)

    def is_open_for_signup(self, request):
        """allauth's own sign-up would open an account that is neither a member nor a
        team: its page shows the two doors instead (account/signup_closed.html)."""
        return False
