"""A session as an iCalendar file (RFC 5545), attached to the enrolment e-mails."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from formation.models import Session

MAX_LINE_OCTETS = 75


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Split a content line so no physical line exceeds 75 octets (RFC 5545, 3.1).

    Cuts fall between characters, never inside a multi-byte UTF-8 sequence.
    """
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        limit = MAX_LINE_OCTETS if not pieces else MAX_LINE_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def session_ics(session: Session) -> str:
    site = settings.SITE_URL.rstrip("/")
    course = session.course
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//RUISSS UL//Communaute de pratique des citoyens//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:seance-{session.pk}@{urlsplit(site).hostname or 'ruisss'}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_text(course.title)}",
        f"DESCRIPTION:{_text(course.summary)}",
    ]
    if session.place:
        lines.append(f"LOCATION:{_text(session.place)}")
    lines.append(f"URL:{session.link or site + course.get_absolute_url()}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def session_attachment(session: Session) -> dict:
    return {"filename": "seance.ics", "content": session_ics(session),
            "mimetype": "text/calendar"}
