"""Events as iCalendar files (RFC 5545), attached to the e-mails that confirm a place.

Training sessions here; community activities (activites) build theirs with `event_ics`.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from formation.models import Session


def event_ics(*, uid: str, starts_at: datetime, ends_at: datetime, title: str,
              description: str, location: str, url: str) -> str:
    """One event; `uid` is made unique to this site."""
    site = settings.SITE_URL.rstrip("/")
    event = Event()
    event.add("uid", f"{uid}@{urlsplit(site).hostname or 'ruisss'}")
    event.add("dtstamp", timezone.now())
    # In UTC, the file needs no time zone definition of its own.
    event.add("dtstart", starts_at.astimezone(UTC))
    event.add("dtend", ends_at.astimezone(UTC))
    event.add("summary", title)
    event.add("description", description)
    if location:
        event.add("location", location)
    event.add("url", url if url.startswith("http") else site + url)
    calendar = Calendar()
    calendar.add("prodid", "-//RUISSS UL//Communaute de pratique des citoyens//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def ics_attachment(filename: str, content: str) -> dict:
    return {"filename": filename, "content": content, "mimetype": "text/calendar"}


def session_ics(session: Session) -> str:
    course = session.course
    return event_ics(uid=f"seance-{session.pk}", starts_at=session.starts_at,
                     ends_at=session.ends_at, title=course.title, description=course.summary,
                     location=session.place, url=session.link or course.get_absolute_url())


def session_attachment(session: Session) -> dict:
    return ics_attachment("seance.ics", session_ics(session))
