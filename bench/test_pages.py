"""`make bench`: how fast and how lean the main pages are on a network of realistic size.

It reports figures against the targets below; it does not fail on them (timing varies by machine), only on an
error. Queries per page must stay constant as the network grows: that is asserted by the test suite.
"""

import resource
import statistics
import sys
import time

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from network.accounts.models import User
from network.accounts.roles import ROLE_GROUPS, Role
from network.accounts.services import api_token_rotate
from network.audit.models import AuditEntry
from network.notifications.models import Delivery, Event, Notification

PEOPLE = 5_000
AUDIT_ENTRIES = 20_000
# One member's inbox, and the email outbox the staff page lists.
NOTIFICATIONS = 10_000
RUNS = 60
TARGET_MEDIAN_MS = 50
TARGET_P95_MS = 120
TARGET_QUERIES = 10
TARGET_PEAK_RSS_MB = 300


def _seed() -> None:
    from django.contrib.auth.models import Group

    users = User.objects.bulk_create(
        [User(email=f"bench{index}@example.org", handle=f"bench_{index}", password="!") for index in range(PEOPLE)]
    )
    representatives = Group.objects.get(name=ROLE_GROUPS[Role.CITY_REPRESENTATIVE])
    representatives.user_set.add(*users[:500])
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                action="accounts.role.grant", target_type="accounts.user", target_id=str(user.pk), actor_label="bench"
            )
            for user in (users * (AUDIT_ENTRIES // PEOPLE + 1))[:AUDIT_ENTRIES]
        ]
    )
    events = Event.objects.bulk_create(
        [
            Event(kind="accounts.role_changed", data={"role": "city_representative", "change": "granted"})
            for _ in range(NOTIFICATIONS)
        ]
    )
    Notification.objects.bulk_create([Notification(event=event, recipient=users[1]) for event in events])
    Delivery.objects.bulk_create([Delivery(event=event, recipient=users[1], status="sent") for event in events])


def _measure(client: Client, path: str, **headers) -> dict:
    for _ in range(5):
        client.get(path, secure=True, **headers)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(path, secure=True, **headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, secure=True, **headers)
    timings.sort()
    return {
        "path": path,
        "queries": len(queries),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
    }


def test_bench_main_pages(db, staff_member, login_with_second_factor, client, monkeypatch):
    # The bench measures pages, not the API's rate limits.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute"})
    _seed()
    results = []
    anonymous = Client()
    for path in ["/", "/accounts/login/", "/accounts/signup/", "/healthz", "/api/schema/"]:
        results.append(_measure(anonymous, path))

    member = User.objects.get(handle="bench_1")
    _token, key = api_token_rotate(actor=member)
    for path in ["/api/v1/me/", "/api/v1/notifications/", "/api/v1/notifications/?unread=true"]:
        results.append(_measure(Client(), path, HTTP_AUTHORIZATION=f"Token {key}"))
    reader = Client()
    reader.force_login(member)
    for path in ["/notifications/", "/notifications/?page=200", "/notifications/bell/", "/notifications/preferences/"]:
        results.append(_measure(reader, path))

    login_with_second_factor(staff_member)
    for path in [
        "/staff/",
        "/staff/people/",
        "/staff/people/?role=city_representative",
        "/staff/audit/",
        "/staff/notifications/",
        "/staff/notifications/?status=failed",
    ]:
        results.append(_measure(client, path))
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    lines = [
        "",
        f"Pages on a network of {PEOPLE} people, {AUDIT_ENTRIES} audit entries and a member with {NOTIFICATIONS} "
        f"notifications, {RUNS} requests each",
        f"targets: median <= {TARGET_MEDIAN_MS} ms, p95 <= {TARGET_P95_MS} ms, <= {TARGET_QUERIES} queries",
        "cache and rate limits: "
        + ("Redis" if settings.REDIS_URL else "Postgres (no REDIS_URL: each rate-limited request adds queries)"),
        f"{'page':<42}{'queries':>8}{'median ms':>11}{'p95 ms':>9}  verdict",
    ]
    for row in results:
        within = (
            row["median_ms"] <= TARGET_MEDIAN_MS and row["p95_ms"] <= TARGET_P95_MS and row["queries"] <= TARGET_QUERIES
        )
        lines.append(
            f"{row['path']:<42}{row['queries']:>8}{row['median_ms']:>11.1f}{row['p95_ms']:>9.1f}  "
            f"{'ok' if within else 'OVER TARGET'}"
        )
    verdict = "ok" if peak_rss_mb <= TARGET_PEAK_RSS_MB else "OVER TARGET"
    lines.append(f"peak memory of the process: {peak_rss_mb:.0f} MB (target {TARGET_PEAK_RSS_MB} MB)  {verdict}")
    sys.stdout.write("\n".join(lines) + "\n")
