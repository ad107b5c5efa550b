"""The people of the permission tests, named by their fixtures (see tests/conftest.py)."""


def user_of(request, persona):
    """The user behind a persona fixture; None or "anonymous" for a visitor."""
    if persona in (None, "anonymous"):
        return None
    value = request.getfixturevalue(persona)
    return getattr(value, "user", value)
