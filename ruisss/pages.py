from django.shortcuts import render


def coming_soon(request, title):
    """A stable public address whose page is not built yet."""
    return render(request, "bientot.html", {"page_title": title})
