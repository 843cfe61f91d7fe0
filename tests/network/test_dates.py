"""Dates are written one way per language everywhere, and notification cards say "just now" rather than
"0 minutes ago"."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

WHEN = datetime.datetime(2026, 12, 2, 11, 10, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "date", "date_time"),
    [
        ("en", "2 December 2026", "2 December 2026, 11:10"),
        ("fr", "2 décembre 2026", "2 décembre 2026, 11:10"),
        ("es", "2 de diciembre de 2026", "2 de diciembre de 2026, 11:10"),
    ],
)
def test_it_writes_dates_one_way_per_language(language, date, date_time):
    with translation.override(language):
        assert date_format(WHEN, "DATE_FORMAT") == date_format(WHEN, "SHORT_DATE_FORMAT") == date
        assert date_format(WHEN, "DATETIME_FORMAT") == date_format(WHEN, "SHORT_DATETIME_FORMAT") == date_time
        # A date left unformatted in a template is written the same way.
        assert Template("{{ when }}").render(Context({"when": WHEN})) == date_time


def test_no_template_picks_another_format():
    for path in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        text = path.read_text()
        assert "SHORT_DATE" not in text, path
        assert "|timesince" not in text, path


def test_it_says_just_now_for_the_last_minute():
    template = Template("{% load network_dates %}{{ when|ago }}")
    now = timezone.now()
    assert template.render(Context({"when": now - datetime.timedelta(seconds=20)})) == "just now"
    assert template.render(Context({"when": now - datetime.timedelta(hours=3)})) == "3\xa0hours ago"
    with translation.override("fr"):
        assert template.render(Context({"when": now})) == "à l\u2019instant"
