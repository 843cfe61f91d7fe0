"""Seed a benchmark database fast, with set-based SQL (no row-by-row saves).

    python -m bench.seed --preset small|full [--users N] [--notifications N] ...

Run it against an empty, migrated database (`bench/run.py` does both). Each part of the platform seeds its own
tables here; a part that has not landed yet is simply absent.
"""

import argparse
import os
import time
from dataclasses import asdict, dataclass

PRESETS = {
    # A few seconds: CI's smoke test.
    "small": {"users": 5_000, "notifications": 50_000, "member_notifications": 2_000, "audit_entries": 5_000},
    # The sizes the figures in the README are taken at.
    "full": {
        "users": 200_000,
        "notifications": 1_000_000,
        "member_notifications": 10_000,
        "audit_entries": 100_000,
    },
}
MEMBER_HANDLE = "bench_member"
MEMBER_PASSWORD = "bench-member-password-2026"


@dataclass
class Sizes:
    users: int
    notifications: int
    member_notifications: int
    audit_entries: int


def seed(sizes: Sizes) -> dict:
    """Fill the database; return what was written and how long each part took."""
    from django.db import connection, transaction

    from network.accounts.models import User

    timings = {}
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, email, handle, affiliation_kind, affiliation,
                                       preferred_language, is_active, is_staff, date_joined)
            SELECT '!', false, 'bench' || g || '@example.org', 'bench_' || g, '', '', 'en', true, false,
                   now() - (g || ' minutes')::interval
            FROM generate_series(1, %s) AS g
            """,
            [sizes.users],
        )
        timings["users_s"] = time.perf_counter() - started

        member = User(email="member@bench.example", handle=MEMBER_HANDLE)
        member.set_password(MEMBER_PASSWORD)
        member.save()

        started = time.perf_counter()
        # The member's own inbox: one event each, newest last.
        cursor.execute(
            """
            WITH events AS (
                INSERT INTO notifications_event (key, kind, target_type, target_id, target_label, target_url, data,
                                                 fanout_cursor, fanout_done_at, created_at)
                SELECT gen_random_uuid(), 'accounts.role_changed', '', '', '', '/accounts/profile/',
                       '{"role": "city_representative", "change": "granted"}', 0, now(),
                       now() - (g || ' seconds')::interval
                FROM generate_series(1, %s) AS g
                RETURNING id, created_at
            )
            INSERT INTO notifications_notification (event_id, recipient_id, created_at, read_at)
            SELECT id, %s, created_at, CASE WHEN id %% 3 = 0 THEN created_at END FROM events
            """,
            [sizes.member_notifications, member.pk],
        )
        # Everyone else's: events of 1,000 recipients each, spread over the people.
        rest = max(sizes.notifications - sizes.member_notifications, 0)
        per_event = min(1_000, sizes.users)
        cursor.execute(
            """
            WITH events AS (
                INSERT INTO notifications_event (key, kind, target_type, target_id, target_label, target_url, data,
                                                 fanout_cursor, fanout_done_at, created_at)
                SELECT gen_random_uuid(), 'accounts.role_changed', '', '', '', '', '{}', 0, now(),
                       now() - (g || ' minutes')::interval
                FROM generate_series(1, %s) AS g
                RETURNING id, created_at
            ),
            people AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts_user WHERE id <> %s)
            INSERT INTO notifications_notification (event_id, recipient_id, created_at, read_at)
            SELECT e.id, p.id, e.created_at, NULL
            FROM (SELECT id, created_at, row_number() OVER (ORDER BY id) AS n FROM events) AS e
            JOIN people AS p ON p.n BETWEEN ((e.n * 7919) %% GREATEST(%s - %s, 1)) + 1
                                        AND ((e.n * 7919) %% GREATEST(%s - %s, 1)) + %s
            """,
            [rest // per_event, member.pk, sizes.users, per_event, sizes.users, per_event, per_event],
        )
        timings["notifications_s"] = time.perf_counter() - started

        started = time.perf_counter()
        cursor.execute(
            """
            INSERT INTO audit_auditentry (at, actor_id, actor_label, action, target_type, target_id, target_label,
                                          before, after, data)
            SELECT now() - (g || ' seconds')::interval, NULL, 'bench', 'accounts.role.grant', 'accounts.user',
                   g::text, 'bench_' || g, NULL, NULL, '{}'
            FROM generate_series(1, %s) AS g
            """,
            [sizes.audit_entries],
        )
        timings["audit_entries_s"] = time.perf_counter() - started
        cursor.execute("ANALYZE")
    return {"sizes": asdict(sizes), "member": MEMBER_HANDLE, "timings": timings}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="full")
    for name in PRESETS["full"]:
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, dest=name)
    args = parser.parse_args()
    sizes = Sizes(**{name: getattr(args, name) or value for name, value in PRESETS[args.preset].items()})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
    import django

    django.setup()
    print(seed(sizes))


if __name__ == "__main__":
    main()
