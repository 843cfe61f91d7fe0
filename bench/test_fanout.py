"""`make bench`: fanning out one event to 10,000 followers, in the app and by email.

Reports the request's cost (it only records the event), the fan-out task's time and queries (notifications and
email outbox rows, in batches), and the rate at which a worker hands emails over. Figures, not pass/fail.
"""

import sys
import time

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.accounts.models import User
from network.notifications import services
from network.notifications.audiences import followers
from network.notifications.models import Delivery, Follow, Notification
from network.notifications.services import notify

FOLLOWERS = 10_000
SENDS_MEASURED = 500
TARGET_REQUEST_QUERIES = 1
TARGET_FAN_OUT_SECONDS = 10


def test_bench_fan_out_to_ten_thousand_followers(db, participant, staff_member, django_capture_on_commit_callbacks):
    people = User.objects.bulk_create(
        [User(email=f"fan{index}@example.org", handle=f"fan_{index}", password="!") for index in range(FOLLOWERS)]
    )
    Follow.objects.bulk_create(
        [Follow(user=person, target_type="accounts.user", target_id=str(participant.pk)) for person in people]
    )
    data = {"role": "city_representative", "change": "granted"}

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as request_queries:
        event = notify(kind="accounts.role_changed", audience=followers(participant), actor=staff_member, data=data)
    request_ms = (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as fan_out_queries:
        batches = 0
        while services.event_fan_out_batch(event_id=event.pk):
            batches += 1
    fan_out_s = time.perf_counter() - started
    notifications = Notification.objects.filter(event=event).count()
    emails = Delivery.objects.filter(event=event).count()

    sample = list(Delivery.objects.filter(event=event).values_list("pk", flat=True)[:SENDS_MEASURED])
    started = time.perf_counter()
    for delivery_id in sample:
        services.delivery_send(delivery_id=delivery_id)
    send_s = time.perf_counter() - started
    assert len(mail.outbox) == SENDS_MEASURED

    lines = [
        "",
        f"Fan-out of one event to {FOLLOWERS} followers (in-app and email)",
        f"{'the request (records the event)':<48}{request_ms:>9.1f} ms {len(request_queries):>6} queries"
        f"  (target {TARGET_REQUEST_QUERIES} query, whatever the audience)",
        f"{'the fan-out task (' + str(batches) + ' batches)':<48}{fan_out_s * 1000:>9.1f} ms "
        f"{len(fan_out_queries):>6} queries  (target {TARGET_FAN_OUT_SECONDS} s)",
        f"{'rows written':<48}{notifications:>9} in-app, {emails} emails queued",
        f"{'emails handed over by one worker process':<48}{SENDS_MEASURED / send_s:>9.0f} per second "
        f"({send_s / SENDS_MEASURED * 1000:.1f} ms each: render in the reader's language, lock, send, mark sent)",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    assert notifications == emails == FOLLOWERS
