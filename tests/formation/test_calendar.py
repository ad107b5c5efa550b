from datetime import UTC, datetime

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
