"""A session as an iCalendar file (RFC 5545), attached to the enrolment e-mails."""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from formation.models import Session


def session_ics(session: Session) -> str:
    site = settings.SITE_URL.rstrip("/")
    course = session.course
    event = Event()
    event.add("uid", f"seance-{session.pk}@{urlsplit(site).hostname or 'ruisss'}")
    event.add("dtstamp", timezone.now())
    # In UTC, the file needs no time zone definition of its own.
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", course.title)
    event.add("description", course.summary)
    if session.place:
        event.add("location", session.place)
    event.add("url", session.link or site + course.get_absolute_url())
    calendar = Calendar()
    calendar.add("prodid", "-//RUISSS UL//Communaute de pratique des citoyens//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def session_attachment(session: Session) -> dict:
    return {"filename": "seance.ics", "content": session_ics(session),
            "mimetype": "text/calendar"}
