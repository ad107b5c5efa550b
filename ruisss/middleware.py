from django.utils.cache import has_vary_header, patch_cache_control


class PrivatePagesMiddleware:
    """`Cache-Control: private, no-store` on every response made for one person.

    A response is made for one person when it goes to a logged-in user, or when it
    varies on the cookie: Django adds `Vary: Cookie` as soon as a page reads the session
    (a join draft, a message) or the CSRF token. No browser or proxy cache then keeps a
    member's page, export or CSV after they leave it, which holds for every page at once
    instead of one decorator per view. A view that sets its own Cache-Control keeps it.
    Static files never get here: WhiteNoise answers them earlier, with its own headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if has_vary_header(response, "Cookie") or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
