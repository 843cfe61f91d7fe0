"""The board's pages are kept for visitors and never wrong: a pledge honoured, a shadow report filed or hidden
shows on the next request, and so does a pledge becoming overdue, which no write announces (the key holds the
date)."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import timezone

from network import page_cache
from practices import services
from practices.models import ShadowReport
from tests.practices.conftest import shadow

pytestmark = pytest.mark.page_cache

HIT = page_cache.HIT_HEADER


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pledged(publish, collection_of, kampala, city_rep, make_pledge):
    practice = publish(slug="duty-to-intervene", title="Duty to intervene")
    collection = collection_of("8-cant-wait", [practice])
    pledge = make_pledge(kampala, city_rep, [practice], target_date=timezone.localdate() + timedelta(days=3))
    return {"practice": practice, "collection": collection, "city": kampala, "pledge": pledge}


def _urls(pledged) -> list[str]:
    return [
        "/practices/board/",
        "/practices/board/cities.csv",
        "/practices/board/feed.atom",
        f"/practices/collections/{pledged['collection'].slug}/board/",
        f"/practices/board/cities/{pledged['city'].slug}/",
        f"/practices/board/cities/{pledged['city'].slug}/pledges.csv",
        "/api/v1/board/pledges/",
        "/api/v1/board/cities/",
    ]


def _kept(client, url) -> str:
    """The page rendered, then served from the cache without a query."""
    first = client.get(url)
    assert first.status_code == 200 and first[HIT] == "miss", url
    second = client.get(url)
    assert second[HIT] == "hit" and second.content == first.content, url
    return second.content.decode()


def test_it_keeps_the_boards_for_visitors(pledged, django_assert_num_queries):
    visitor = Client()
    for url in _urls(pledged):
        visitor.get(url)
    for url in _urls(pledged):
        with django_assert_num_queries(0):
            assert visitor.get(url)[HIT] == "hit", url


def test_an_honoured_pledge_shows_on_the_next_request(pledged, staff_member):
    visitor = Client()
    url = f"/practices/board/cities/{pledged['city'].slug}/"
    assert "status-honoured" not in _kept(visitor, url)
    services.adoption_record(actor=staff_member, city=pledged["city"], practice=pledged["practice"], status="adopted")
    response = visitor.get(url)
    assert response[HIT] == "miss" and "status-honoured" in response.text
    assert "Pledge honoured" in visitor.get("/cities/").text


def test_a_shadow_report_filed_or_hidden_shows_on_the_next_request(pledged, participant):
    visitor = Client()
    url = "/api/v1/board/pledges/"
    assert _kept(visitor, url).count('"latest_shadow_verdict":null') == 1
    report = shadow(pledged["pledge"], participant, "delayed")
    assert visitor.get(url).json()["results"][0]["latest_shadow_verdict"] == "delayed"
    with transaction.atomic():
        ShadowReport.objects.filter(pk=report.pk).update(hidden=True)
    assert visitor.get(url).json()["results"][0]["latest_shadow_verdict"] is None


def test_a_pledge_becoming_overdue_shows_the_next_day_without_any_write(pledged):
    visitor = Client()
    url = f"/practices/board/cities/{pledged['city'].slug}/"
    due = pledged["pledge"].target_date
    with time_machine.travel(datetime.combine(due, time(12), tzinfo=UTC), tick=False):
        assert "status-overdue" not in _kept(visitor, url)
    with time_machine.travel(datetime.combine(due + timedelta(days=1), time(12), tzinfo=UTC), tick=False):
        response = visitor.get(url)
        assert response[HIT] == "miss" and "status-overdue" in response.text
        # The city's page, which shows its pledges' lateness too, is kept by day as well.
        assert "status-overdue" in visitor.get(pledged["city"].get_absolute_url()).text
