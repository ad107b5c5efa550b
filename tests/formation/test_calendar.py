from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from formation.calendar import session_ics
from tests.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_calendar_file_follows_rfc_5545():
    course = CourseFactory(title="Module 101 : Les fondements du partenariat patient; "
                                 "une introduction, avec exemples et beaucoup de texte")
    session = SessionFactory(course=course, starts_at=datetime(2027, 3, 4, 18, 30, tzinfo=UTC),
                             ends_at=datetime(2027, 3, 4, 20, 0, tzinfo=UTC),
                             link="https://visio.example/ruisss")
    text = session_ics(session)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2:] == ["END:VCALENDAR", ""]
    assert "DTSTART:20270304T183000Z" in lines
    assert "DTEND:20270304T200000Z" in lines
    assert "URL:https://visio.example/ruisss" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Module 101 : Les fondements du partenariat patient\\; une introduction\\, " \
           "avec exemples et beaucoup de texte" in unfolded
    assert "\n" not in text.replace("\r\n", "")


def test_a_session_in_local_time_is_written_in_utc():
    local = datetime(2027, 6, 1, 13, 0, tzinfo=ZoneInfo("America/Toronto"))
    session = SessionFactory(starts_at=local, ends_at=local + timedelta(hours=2), place="Québec")
    lines = session_ics(session).split("\r\n")
    assert "DTSTART:20270601T170000Z" in lines
    assert "LOCATION:Québec" in lines
