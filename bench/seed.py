"""Seed a benchmark database fast, with set-based SQL (no row-by-row saves).

    python -m bench.seed --preset small|full [--users N] [--practices N] ...

Run it against an empty, migrated database (`bench/run.py` does both). Each part of the platform seeds its own
tables here; a part that has not landed yet is simply absent. The data is the same on every run (a fixed seed).
"""

import argparse
import os
import time
from dataclasses import asdict, dataclass, fields, replace

PRESETS = {
    # Seconds: CI's smoke test.
    "small": {
        "users": 5_000,
        "notifications": 50_000,
        "member_notifications": 2_000,
        "audit_entries": 5_000,
        "cities": 200,
        "member_cities": 30,
        "practices": 300,
        "adoptions": 3_000,
        "matrix_cities": 20,
        "partners": 250,
        "proposals": 1_000,
        "forum_topics": 2_000,
        "forum_posts": 25_000,
    },
    # The sizes the figures in the README are taken at.
    "full": {
        "users": 200_000,
        "notifications": 1_000_000,
        "member_notifications": 10_000,
        "audit_entries": 100_000,
        "cities": 2_000,
        "member_cities": 300,
        "practices": 3_000,
        "adoptions": 50_000,
        "matrix_cities": 100,
        "partners": 5_000,
        "proposals": 20_000,
        "forum_topics": 20_000,
        "forum_posts": 500_000,
    },
    # Ten times the full network, to show how each page grows with it (people and notifications: as many as
    # set-based seeding writes in a few minutes).
    "large": {
        "users": 2_000_000,
        "notifications": 2_000_000,
        "member_notifications": 100_000,
        "audit_entries": 1_000_000,
        "cities": 20_000,
        "member_cities": 3_000,
        "practices": 30_000,
        "adoptions": 500_000,
        "matrix_cities": 1_000,
        "partners": 50_000,
        "proposals": 200_000,
        "forum_topics": 200_000,
        "forum_posts": 5_000_000,
    },
}
MEMBER_HANDLE = "bench_member"
# A member of staff with an authenticator app, who signs in with a password and a code as anyone would.
STAFF_HANDLE = "bench_staff"
STAFF_EMAIL = "staff@bench.example"
STAFF_PASSWORD = "bench-staff-password-0123456789"  # a benchmark database's only
# The city and the practice whose pages are loaded; the word the library search looks for (in ~1% of titles and
# ~1% of summaries, and nowhere else).
CITY_SLUG = "bench-city"
PRACTICE_SLUG = "bench-practice"
COLLECTION_SLUG = "8-cant-wait"
SEARCH_WORD = "koban"
# The partner agency whose page is loaded, with this many findings. Its id is fixed, far above anything the
# sequence hands out, so that the page's address is known before the data is seeded.
PARTNER_ID = 900_000_001
PARTNER_FINDINGS = 200
# The forum whose topic list is loaded (about half of all topics), its first topic (5,000 replies whatever the
# preset, so its middle page is the same page on every database) and the word the post search looks for (in 1 % of
# topic titles and 0.5 % of posts, and nowhere else).
FORUM_SLUG = "bench-forum"
BIG_TOPIC_ID = 1
BIG_TOPIC_POSTS = 5_000
FORUM_SEARCH_WORD = "ombudsman"


@dataclass
class Sizes:
    users: int
    notifications: int
    member_notifications: int
    audit_entries: int
    cities: int
    member_cities: int
    practices: int
    adoptions: int
    matrix_cities: int
    partners: int
    proposals: int
    forum_topics: int
    forum_posts: int

    def scaled(self, divisor: int) -> "Sizes":
        """The same network, `divisor` times smaller (at least one of each)."""
        return replace(self, **{f.name: max(getattr(self, f.name) // divisor, 1) for f in fields(self)})


def seed(sizes: Sizes) -> dict:
    """Fill the database; return what was written and how long each part took."""
    from django.db import connection, transaction

    timings = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2026)")
        # The generating queries look costly to the planner, which would spend a second compiling them (JIT).
        cursor.execute("SET LOCAL jit = off")
        for part in (_people, _notifications, _audit, _cities, _practices, _adoptions, _exchanges, _forums):
            started = time.perf_counter()
            part(cursor, sizes)
            timings[f"{part.__name__.strip('_')}_s"] = time.perf_counter() - started
    # What autovacuum would have done by the time such a network is online: planner statistics, the visibility
    # map, and the GIN indexes' pending entries merged (a search through the pending list is many times slower).
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    timings["vacuum_s"] = time.perf_counter() - started
    # The rows were written without the services: what the shared cache holds of an earlier database is stale.
    from cities.member_map import members_changed

    members_changed()
    return {"sizes": asdict(sizes), "member": MEMBER_HANDLE, "staff": STAFF_HANDLE, "timings": timings}


def _people(cursor, sizes: Sizes) -> None:
    from network.accounts.models import User

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
    # Signed in through a session made for it (no password: hashing one would cost a second for nothing).
    member = User(email="member@bench.example", handle=MEMBER_HANDLE)
    member.set_unusable_password()
    member.save()
    _staff()


def _staff() -> None:
    """Staff who screen and decide: a password and an authenticator app, signed in through both steps by
    `bench.run` (staff pages open only to a session that passed the second factor)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from network.accounts.models import User
    from network.accounts.roles import Role
    from network.accounts.services import role_grant
    from network.accounts.system import SYSTEM

    staff = User(email=STAFF_EMAIL, handle=STAFF_HANDLE)
    staff.set_password(STAFF_PASSWORD)
    staff.save()
    EmailAddress.objects.create(user=staff, email=STAFF_EMAIL, verified=True, primary=True)
    role_grant(actor=SYSTEM, user=staff, role=Role.STAFF, reason="The benchmark's member of staff")
    TOTP.activate(staff, generate_totp_secret())


def _notifications(cursor, sizes: Sizes) -> None:
    from network.accounts.models import User

    member = User.objects.get(handle=MEMBER_HANDLE)
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


def _audit(cursor, sizes: Sizes) -> None:
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


def _cities(cursor, sizes: Sizes) -> None:
    """The gazetteer's largest places (numbered again past its end), every n-th a member; and one named city,
    `CITY_SLUG`, a member with agencies, representatives and followers, whose profile is loaded."""
    from cities.geography import region_of

    cursor.execute("SELECT DISTINCT country_code FROM cities_gazetteerplace")
    countries = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT count(*) FROM cities_gazetteerplace")
    gazetteer = cursor.fetchone()[0]
    places = max(sizes.cities - 1, 0)
    # Place g is a member when g * members / places steps up: exactly `members` of them, evenly spread.
    members = min(max(sizes.member_cities - 1, 0), places)
    member = "(g * %(members)s) / %(places)s <> ((g - 1) * %(members)s) / %(places)s"
    cursor.execute(
        f"""
        WITH regions AS (SELECT unnest(%(countries)s::text[]) AS country_code, unnest(%(regions)s::text[]) AS region),
        ranked AS (
            SELECT p.*, r.region,
                   row_number() OVER (PARTITION BY r.region ORDER BY p.population DESC, p.geonames_id) AS rank
            FROM cities_gazetteerplace AS p JOIN regions AS r ON r.country_code = p.country_code
        ),
        -- The largest places of each region in turn, so every region has its share of cities and members.
        places AS (SELECT *, row_number() OVER (ORDER BY rank, region) AS n FROM ranked),
        numbered AS (
            SELECT g, p.*, (g - 1) / %(gazetteer)s AS round
            FROM generate_series(1, %(places)s) AS g JOIN places AS p ON p.n = 1 + (g - 1) %% %(gazetteer)s
        )
        INSERT INTO cities_city (name, slug, search_name, geonames_id, country_code, region, population, latitude,
                                 longitude, time_zone, membership_status, member_since, suspension_reason,
                                 created_at, office_name, office_website, legal_system)
        SELECT name || CASE WHEN round > 0 THEN ' ' || (round + 1) ELSE '' END,
               coalesce(nullif(trim(BOTH '-' FROM regexp_replace(search_name, '[^a-z0-9]+', '-', 'g')), ''), 'city')
                   || '-' || lower(country_code) || '-' || g,
               search_name, CASE WHEN round = 0 THEN geonames_id END, country_code, region, population,
               latitude, longitude, time_zone,
               CASE WHEN {member} THEN 'member' ELSE 'not_member' END,
               CASE WHEN {member} THEN current_date - (g %% 1800) END, '',
               now() - (g || ' hours')::interval,
               CASE WHEN {member} THEN 'Office of the Mayor of ' || name ELSE '' END,
               CASE WHEN {member} THEN 'https://city-' || g || '.example.org/' ELSE '' END,
               CASE WHEN {member} THEN (ARRAY['common_law', 'civil_law', 'mixed'])[1 + g %% 3] ELSE '' END
        FROM numbered
        """,
        {
            "countries": countries,
            "regions": [region_of(code).value for code in countries],
            "places": places,
            "gazetteer": gazetteer,
            "members": members,
        },
    )
    cursor.execute(
        """
        INSERT INTO cities_city (name, slug, search_name, geonames_id, country_code, region, population, latitude,
                                 longitude, time_zone, membership_status, member_since, suspension_reason,
                                 created_at, office_name, office_website, legal_system)
        VALUES ('Bench City', %s, 'bench city', NULL, 'GB', 'europe', 612000, 55.86, -4.25, 'Europe/London',
                'member', current_date - 400, '', now(), 'Bench City Council', 'https://bench-city.example.org/',
                'common_law')
        """,
        [CITY_SLUG],
    )
    # Every member city's police; the named city has three forces.
    cursor.execute(
        """
        INSERT INTO cities_policeagency (name, level, headcount, oversight_body, mayor_controls, created_at,
                                         updated_at, city_id)
        SELECT name || ' Police Department', 'municipal', 200 + (id %% 40) * 50,
               CASE WHEN id %% 2 = 0 THEN name || ' Police Commission' ELSE '' END, id %% 3 <> 0, now(), now(), id
        FROM cities_city WHERE membership_status = 'member'
        UNION ALL
        SELECT 'National Police (' || name || ' district)', 'national', 5000, '', false, now(), now(), id
        FROM cities_city WHERE membership_status = 'member' AND (id %% 3 = 0 OR slug = %s)
        UNION ALL
        SELECT name || ' Regional Constabulary', 'regional', 1200, 'Regional Police Board', false, now(), now(), id
        FROM cities_city WHERE slug = %s
        """,
        [CITY_SLUG, CITY_SLUG],
    )
    # A lead representative for each member city (four for the named one), and the named city's followers.
    cursor.execute(
        """
        WITH members AS (
            SELECT id, slug, row_number() OVER (ORDER BY id) AS n FROM cities_city WHERE membership_status = 'member'
        ),
        people AS (
            SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts_user WHERE handle LIKE 'bench\\_%%'
        )
        INSERT INTO cities_representative (is_lead, since, city_id, user_id)
        SELECT k = 0, now() - (m.n || ' days')::interval, m.id, p.id
        FROM members AS m
        CROSS JOIN generate_series(0, 3) AS k
        JOIN people AS p ON p.n = m.n * 4 + k
        WHERE k = 0 OR m.slug = %s
        """,
        [CITY_SLUG],
    )
    cursor.execute(
        """
        INSERT INTO notifications_follow (user_id, target_type, target_id, created_at)
        SELECT u.id, 'cities.city', c.id::text, now()
        FROM (SELECT id FROM accounts_user WHERE handle LIKE 'bench\\_%%' AND handle <> %s
              ORDER BY id DESC LIMIT 1000) AS u,
             cities_city AS c
        WHERE c.slug = %s
        """,
        [MEMBER_HANDLE, CITY_SLUG],
    )


# What the generated practices are written from: titles of three parts, sentences of four.
TITLE_QUALITIES = [
    "Community", "Civilian", "Restorative", "Independent", "Neighbourhood", "Youth", "Trauma-informed",
    "Public-health", "Evidence-led", "Municipal", "Regional", "Procedural-justice", "Unarmed", "Peer-led",
    "School-based", "Citywide",
]  # fmt: skip
TITLE_SUBJECTS = [
    "crisis response", "violence interruption", "police oversight", "use-of-force review",
    "stop-and-search monitoring", "de-escalation training", "body-worn camera", "complaint handling",
    "mental-health co-response", "protest liaison", "early intervention", "victim support", "street outreach",
    "hospital-based intervention", "domestic-abuse response", "traffic enforcement reform", "misconduct database",
    "civilian review", "focused deterrence", "diversion", "restorative conferencing", "community patrol",
    "data transparency", "recruitment reform",
]  # fmt: skip
TITLE_FORMS = [
    "programme", "policy", "team", "board", "unit", "model", "initiative", "standard", "pilot", "network",
    "protocol", "partnership",
]  # fmt: skip
SENTENCE_SUBJECTS = [
    "Crisis teams", "Officers", "Residents", "Oversight boards", "Community mediators", "Youth workers",
    "Police departments", "Independent reviewers", "Outreach workers", "Health workers", "Mayors' offices",
    "Neighbourhood councils", "Trained volunteers", "Social workers", "Local clinics",
]  # fmt: skip
SENTENCE_VERBS = [
    "respond to", "review", "reduce", "document", "publish data on", "train officers to handle", "refer people from",
    "measure", "evaluate", "fund work on", "monitor", "report every quarter on", "prevent", "mediate",
]  # fmt: skip
SENTENCE_OBJECTS = [
    "calls involving a mental-health crisis", "complaints about the use of force", "stops and searches",
    "violent incidents among young people", "repeat victimisation", "protests and public gatherings",
    "domestic-violence calls", "arrests for minor offences", "school exclusions", "the use of restraints",
    "deaths in custody", "neighbourhood disputes", "gun violence", "homelessness-related calls",
    "racial disparities in arrests", "injuries to residents and officers",
]  # fmt: skip
SENTENCE_QUALIFIERS = [
    "within twelve months", "with civilian oversight", "in partnership with local hospitals",
    "across every district", "using open data", "under a written policy", "with an independent evaluation",
    "at lower cost than arrest", "before officers are dispatched", "alongside community organisations",
    "with measurable results", "in the busiest neighbourhoods", "without armed officers", "around the clock",
]  # fmt: skip
THEMES = [
    "use_of_force", "community_policing", "public_health", "crisis_response", "oversight", "restructuring",
    "stops_and_searches", "protest_policing", "surveillance", "training", "public_investment",
]  # fmt: skip
# Campaign Zero's eight policies: title, the matrix's column label.
EIGHT_CANT_WAIT = [
    ("Require de-escalation", "De-escalation"),
    ("Ban chokeholds and strangleholds", "Chokeholds"),
    ("Require a warning before shooting", "Warning"),
    ("Exhaust all alternatives before shooting", "Alternatives"),
    ("Duty to intervene", "Intervene"),
    ("Ban shooting at moving vehicles", "Vehicles"),
    ("Require a use-of-force continuum", "Continuum"),
    ("Require comprehensive reporting", "Reporting"),
]
# The other collections: slug, title, the practices they hold (a condition on the generated ones), how many.
COLLECTIONS = [
    ("koban", "The Japanese Koban", f"title ILIKE '%%{SEARCH_WORD}%%'", 12),
    ("violence-reduction-unit", "Glasgow's Violence Reduction Unit", "'public_health' = ANY(themes)", 15),
    ("crisis-response", "Mental-health crisis response teams", "'crisis_response' = ANY(themes)", 15),
    ("tbilisi-reform", "Tbilisi: dismantling and rebuilding a police force", "'restructuring' = ANY(themes)", 10),
    ("violence-interruption", "Mentorship and violence interruption", "title ILIKE '%%interruption%%'", 15),
]


def _practices(cursor, sizes: Sizes) -> None:
    """Generated records (titles, summaries, Markdown bodies and their HTML), mostly published, of every kind,
    theme and rating; `PRACTICE_SLUG` among them; the eight of 8 Can't Wait; collections; then the search
    vector of every record in one UPDATE."""
    from practices.models import Practice, search_vector_expression

    sentence = " || ' ' || ".join(
        f"pg_temp.bench_pick(%({name})s::text[])" for name in ("subjects", "verbs", "objects", "qualifiers")
    )
    cursor.execute(
        "CREATE OR REPLACE FUNCTION pg_temp.bench_pick(words text[]) RETURNS text VOLATILE LANGUAGE sql "
        "AS 'SELECT words[1 + floor(random() * array_length(words, 1))::int]'"
    )
    generated = max(sizes.practices - len(EIGHT_CANT_WAIT), 1)
    cursor.execute("SELECT count(*) FROM cities_city")
    cities = cursor.fetchone()[0]
    cursor.execute(
        f"""
        WITH origins AS (
            SELECT row_number() OVER (ORDER BY id) AS n, name, country_code, region FROM cities_city
        ),
        drafts AS (
            SELECT g, o.name AS place, o.country_code, o.region, x.r1, x.r2, x.r3,
                   CASE WHEN g %% 100 = 7
                        THEN 'Koban ' || pg_temp.bench_pick(%(forms)s::text[]) || ' in ' || o.name
                        ELSE pg_temp.bench_pick(%(qualities)s::text[]) || ' '
                             || pg_temp.bench_pick(%(title_subjects)s::text[]) || ' '
                             || pg_temp.bench_pick(%(forms)s::text[]) || ' in ' || o.name
                   END AS title,
                   CASE WHEN g %% 100 = 43 THEN 'Modelled on the Japanese koban, a neighbourhood police post. '
                        ELSE '' END
                   || (SELECT string_agg({sentence} || '.', ' ') FROM generate_series(1, 2 + g %% 2)) AS summary,
                   (SELECT string_agg(
                               (SELECT string_agg({sentence} || '.', ' ')
                                FROM generate_series(1, 3 + (g + p) %% 4)),
                               E'\\n\\n')
                    FROM generate_series(1, 3 + g %% 3) AS p) AS body
            FROM generate_series(1, %(generated)s) AS g
            JOIN origins AS o ON o.n = 1 + (g * 13) %% %(cities)s
            CROSS JOIN LATERAL (SELECT random() + 0 * g AS r1, random() AS r2, random() AS r3) AS x
        )
        INSERT INTO practices_practice (
            title, slug, kind, themes, problem, population, origin_place, origin_country, origin_region,
            origin_year, summary, body, body_html, rating, study_count, study_design, single_study, rated_on,
            emmie_effect, emmie_mechanism, emmie_moderators, emmie_implementation, emmie_economic_cost,
            transfer_police_levels, transfer_mayoral_control, transfer_legal_system, status, published_at,
            last_reviewed_on, review_due_on, created_at, updated_at)
        SELECT title,
               CASE WHEN g = 1 THEN %(practice_slug)s
                    ELSE left(trim(BOTH '-' FROM lower(regexp_replace(title, '[^A-Za-z0-9]+', '-', 'g'))), 200)
                         || '-' || g END,
               (ARRAY['policy', 'program', 'institutional_reform', 'model'])[1 + g %% 4],
               ARRAY[(%(themes)s::text[])[1 + g %% 11]]
                   || CASE WHEN r3 < 0.6 THEN ARRAY[(%(themes)s::text[])[1 + (g + 1 + (g / 11) %% 10) %% 11]]
                           ELSE '{{}}'::text[] END,
               'Too many ' || pg_temp.bench_pick(%(objects)s::text[]) || '.', 'Residents of ' || place || '.',
               place, country_code, region, 1960 + g %% 65, summary, body,
               '<p>' || replace(body, E'\\n\\n', E'</p>\\n<p>') || '</p>',
               CASE WHEN r1 < 0.15 THEN 'effective' WHEN r1 < 0.45 THEN 'promising'
                    WHEN r1 < 0.65 THEN 'inconclusive' WHEN r1 < 0.73 THEN 'ineffective'
                    WHEN r1 < 0.78 THEN 'harmful' ELSE 'not_rated' END,
               CASE WHEN r1 < 0.78 THEN 1 + g %% 12 ELSE 0 END,
               CASE WHEN r1 < 0.78 THEN 'Quasi-experimental evaluations' ELSE '' END,
               r1 < 0.78 AND g %% 12 = 0,
               CASE WHEN r1 < 0.78 THEN current_date - (g %% 900) END,
               {sentence} || '.', {sentence} || '.', '', {sentence} || '.', '',
               CASE g %% 4 WHEN 0 THEN ARRAY['municipal'] WHEN 1 THEN ARRAY['municipal', 'regional']
                    WHEN 2 THEN ARRAY['national'] ELSE ARRAY['municipal', 'regional', 'national'] END,
               (ARRAY['required', 'helps', 'not_needed'])[1 + g %% 3], '',
               CASE WHEN g = 1 OR r2 < 0.90 THEN 'published' WHEN r2 < 0.94 THEN 'draft'
                    WHEN r2 < 0.97 THEN 'in_review' ELSE 'archived' END,
               CASE WHEN g = 1 OR r2 < 0.90 OR r2 >= 0.97 THEN now() - ((g %% 1500) || ' days')::interval END,
               CASE WHEN g = 1 OR r2 < 0.90 THEN current_date - (g %% 700) END,
               CASE WHEN g = 1 OR r2 < 0.90 THEN current_date - (g %% 700) + 730 END,
               now() - ((g %% 1600 + 1) || ' days')::interval, now() - ((g %% 300) || ' days')::interval
        FROM drafts
        """,
        {
            "generated": generated,
            "cities": cities,
            "practice_slug": PRACTICE_SLUG,
            "qualities": TITLE_QUALITIES,
            "title_subjects": TITLE_SUBJECTS,
            "forms": TITLE_FORMS,
            "subjects": SENTENCE_SUBJECTS,
            "verbs": SENTENCE_VERBS,
            "objects": SENTENCE_OBJECTS,
            "qualifiers": SENTENCE_QUALIFIERS,
            "themes": THEMES,
        },
    )
    cursor.execute(
        """
        INSERT INTO practices_practice (
            title, slug, kind, themes, problem, population, origin_place, origin_country, origin_region,
            origin_year, summary, body, body_html, rating, study_count, study_design, single_study, rated_on,
            emmie_effect, emmie_mechanism, emmie_moderators, emmie_implementation, emmie_economic_cost,
            transfer_police_levels, transfer_mayoral_control, transfer_legal_system, status, published_at,
            last_reviewed_on, review_due_on, created_at, updated_at)
        SELECT title, regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g'), 'policy', ARRAY['use_of_force'],
               'Deaths and injuries from police use of force.', 'Everyone the police stop.', 'Campaign Zero', 'US',
               'americas', 2020, title || ': one of the eight use-of-force policies of 8 Can''t Wait.',
               'Police departments ' || lower(title) || '.', '<p>Police departments ' || lower(title) || '.</p>',
               (ARRAY['promising', 'inconclusive', 'effective'])[1 + (position %% 3)::int], 3, 'Cross-city comparisons',
               false, current_date - 300, '', '', '', '', '', ARRAY['municipal', 'regional'], 'helps', '',
               'published', now() - interval '300 days', current_date - 300, current_date + 430, now(), now()
        FROM unnest(%s::text[]) WITH ORDINALITY AS t(title, position)
        """,
        [[title for title, _label in EIGHT_CANT_WAIT]],
    )
    cursor.execute(
        """
        WITH collection AS (
            INSERT INTO practices_collection (title, slug, description, position)
            VALUES ('8 Can''t Wait', %s, 'Eight use-of-force policies, as Campaign Zero tracked them.', 0)
            RETURNING id
        )
        INSERT INTO practices_collectionitem (position, label, collection_id, practice_id)
        SELECT t.position, t.label, collection.id, p.id
        FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(title, label, position)
        JOIN practices_practice AS p ON p.title = t.title AND p.origin_place = 'Campaign Zero', collection
        """,
        [COLLECTION_SLUG, [title for title, _ in EIGHT_CANT_WAIT], [label for _, label in EIGHT_CANT_WAIT]],
    )
    for position, (slug, title, condition, count) in enumerate(COLLECTIONS, start=1):
        cursor.execute(
            f"""
            WITH collection AS (
                INSERT INTO practices_collection (title, slug, description, position)
                VALUES (%s, %s, %s, %s) RETURNING id
            )
            INSERT INTO practices_collectionitem (position, label, collection_id, practice_id)
            SELECT row_number() OVER (ORDER BY p.id), '', collection.id, p.id
            FROM (SELECT id FROM practices_practice WHERE status = 'published' AND {condition}
                  ORDER BY id LIMIT %s) AS p, collection
            """,
            [title, slug, f"Practices of the network's model: {title}.", position, count],
        )
    # Two sources for every record, three revisions (created, submitted, published), one related record each
    # (both ways); the named practice has four related records and is in a collection besides.
    cursor.execute(
        """
        INSERT INTO practices_source (title, publisher, year, url, position, practice_id)
        SELECT 'Evaluation of ' || lower(p.title),
               (ARRAY['College of Policing', 'CrimeSolutions', 'Campbell Collaboration', 'City auditor'])
                   [1 + ((p.id + k) %% 4)::int],
               2005 + (p.id %% 20),
               'https://evidence.example.org/' || p.id || '/' || k, k, p.id
        FROM practices_practice AS p CROSS JOIN generate_series(0, 1) AS k
        """,
        [],
    )
    cursor.execute(
        """
        INSERT INTO practices_revision (actor_handle, action, fields, note, before, after, created_at, practice_id)
        SELECT 'bench_1', action, '{}', '', '{}', '{}', p.created_at + (k || ' days')::interval, p.id
        FROM practices_practice AS p
        CROSS JOIN unnest(ARRAY['create', 'submit', 'publish']) WITH ORDINALITY AS a(action, k)
        """
    )
    cursor.execute(
        """
        WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM practices_practice),
        pairs AS (
            SELECT a.id AS one, b.id AS other FROM numbered AS a JOIN numbered AS b ON b.n = a.n + 1
            WHERE a.n %% 2 = 1
            UNION
            SELECT a.id, b.id FROM practices_practice AS a
            JOIN numbered AS b ON b.n BETWEEN 3 AND 6
            WHERE a.slug = %s
        )
        INSERT INTO practices_practice_related (from_practice_id, to_practice_id)
        SELECT one, other FROM pairs WHERE one <> other
        UNION SELECT other, one FROM pairs WHERE one <> other
        """,
        [PRACTICE_SLUG],
    )
    cursor.execute(
        """
        INSERT INTO practices_collectionitem (position, label, collection_id, practice_id)
        SELECT 99, '', c.id, p.id FROM practices_collection AS c, practices_practice AS p
        WHERE c.slug = 'violence-interruption' AND p.slug = %s
        ON CONFLICT DO NOTHING
        """,
        [PRACTICE_SLUG],
    )
    Practice.objects.update(search_vector=search_vector_expression())


def _adoptions(cursor, sizes: Sizes) -> None:
    """The 8 Can't Wait matrix: `matrix_cities` member cities (the named one among them) with a record for each
    of the eight; the other records spread over every city and the generated practices, at most one per pair."""
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_matrix_cities ON COMMIT DROP AS
        SELECT id FROM cities_city WHERE membership_status = 'member'
        ORDER BY slug = %s DESC, population DESC, id LIMIT %s
        """,
        [CITY_SLUG, sizes.matrix_cities],
    )
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_eight ON COMMIT DROP AS
        SELECT i.practice_id AS id FROM practices_collectionitem AS i
        JOIN practices_collection AS c ON c.id = i.collection_id WHERE c.slug = %s
        """,
        [COLLECTION_SLUG],
    )
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_cities ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY population DESC, id) AS n FROM cities_city
        """
    )
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_practices ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY id) AS n FROM practices_practice
        WHERE id NOT IN (SELECT id FROM bench_eight)
        """
    )
    columns = """status, policy_text, policy_url, effective_date, source, source_note, verified_at, updated_at,
                 city_id, practice_id"""
    # One pseudo-random draw per record (r) decides its status and source.
    values = """
        CASE WHEN r < 0.35 THEN 'adopted' WHEN r < 0.55 THEN 'considering' WHEN r < 0.70 THEN 'piloting'
             WHEN r < 0.90 THEN 'not_adopted' ELSE 'discontinued' END,
        CASE WHEN r < 0.35 THEN 'Officers shall use the least force necessary.' ELSE '' END,
        CASE WHEN r < 0.70 THEN 'https://policies.example.org/' || c.id || '/' || p.id ELSE '' END,
        CASE WHEN r < 0.35 THEN current_date - ((c.id + p.id) %% 2000)::int END,
        CASE WHEN s < 0.5 THEN 'self_reported' WHEN s < 0.8 THEN 'verified' ELSE 'imported' END,
        CASE WHEN s >= 0.8 THEN 'Police Scorecard 2024' ELSE '' END,
        CASE WHEN s >= 0.5 AND s < 0.8 THEN now() - ((c.id %% 200) || ' days')::interval END,
        now() - (((c.id * 7 + p.id) %% 1000) || ' hours')::interval, c.id, p.id
    """
    cursor.execute(
        f"""
        INSERT INTO practices_adoption ({columns})
        SELECT {values}
        FROM bench_matrix_cities AS c CROSS JOIN bench_eight AS p
        CROSS JOIN LATERAL (SELECT random() + 0 * c.id AS r, random() AS s) AS x
        """,
        [],
    )
    cursor.execute("SELECT count(*) FROM bench_cities")
    city_count = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM bench_practices")
    practice_count = cursor.fetchone()[0]
    matrix_records = len(EIGHT_CANT_WAIT) * min(sizes.matrix_cities, city_count)
    rest = min(max(sizes.adoptions - matrix_records, 0), city_count * practice_count)
    # Record k: city k mod C and, for that city, the (k div C)-th practice from an offset of its own, so no pair
    # comes twice.
    cursor.execute(
        f"""
        INSERT INTO practices_adoption ({columns})
        SELECT {values}
        FROM generate_series(0, %(rest)s - 1) AS k
        JOIN bench_cities AS c ON c.n = 1 + k %% %(cities)s
        JOIN bench_practices AS p ON p.n = 1 + (k / %(cities)s + (k %% %(cities)s) * 31) %% %(practices)s
        CROSS JOIN LATERAL (SELECT random() + 0 * k AS r, random() AS s) AS x
        """,
        {"rest": rest, "cities": city_count, "practices": practice_count},
    )
    cursor.execute(
        """
        INSERT INTO practices_adoptionrevision (status, policy_text, policy_url, effective_date, source, source_note,
                                                actor_handle, created_at, adoption_id)
        SELECT status, policy_text, policy_url, effective_date, source, source_note, 'bench_1', updated_at, id
        FROM practices_adoption
        """
    )


def _exchanges(cursor, sizes: Sizes) -> None:
    """The partner registry (`partners` agencies, a few findings each, some awaiting verification; the agency
    `PARTNER_ID` with `PARTNER_FINDINGS`), and `proposals` exchange proposals of the member cities in every state,
    most of them decided, with their reviews and conditions."""
    cursor.execute("SELECT DISTINCT country_code FROM cities_gazetteerplace ORDER BY country_code")
    countries = [row[0] for row in cursor.fetchall()] or ["CL"]
    cursor.execute(
        "SELECT id FROM accounts_user WHERE handle IN ('bench_1', 'bench_2', %s) ORDER BY handle", [STAFF_HANDLE]
    )
    enterer, verifier, staff = [row[0] for row in cursor.fetchall()]
    # The named agency first, at its fixed id; the others numbered by the sequence.
    cursor.execute(
        """
        INSERT INTO exchanges_partneragency (id, name, search_text, aliases, country_code, city_name, level,
                                             verified, created_by_id, created_at)
        VALUES (%s, 'Bench Partner Police', '|bench partner police|bench police|chile|', 'Bench Police', 'CL',
                'Santiago', 'national', true, %s, now() - interval '900 days')
        """,
        [PARTNER_ID, staff],
    )
    cursor.execute(
        """
        INSERT INTO exchanges_partneragency (name, search_text, aliases, country_code, city_name, level, verified,
                                             created_by_id, created_at)
        SELECT 'Police agency ' || g, '|police agency ' || g || '|agency ' || g || '|', 'Agency ' || g,
               (%(countries)s::text[])[1 + g %% cardinality(%(countries)s::text[])], 'City ' || (g %% 500),
               (ARRAY['municipal', 'regional', 'national', 'unit'])[1 + g %% 4], g %% 20 <> 0, %(staff)s,
               now() - ((g %% 1000) || ' days')::interval
        FROM generate_series(1, %(partners)s - 1) AS g
        """,
        {"countries": countries, "staff": staff, "partners": sizes.partners},
    )
    # Findings: the named agency's, over twenty years; up to three for each other agency, one in ten awaiting
    # verification.
    findings = """
        INSERT INTO exchanges_finding (partner_id, source_kind, publisher, title, published_on, categories, severity,
                                       credibility, url, summary, entered_by_id, verified_by_id, verified_at,
                                       created_at)
        SELECT partner_id,
               (ARRAY['amnesty', 'hrw', 'un', 'court', 'government', 'press'])[1 + k %% 6],
               (ARRAY['Amnesty International', 'Human Rights Watch', 'UN Human Rights Committee', 'A national court',
                      'Ministry of Justice', 'A newspaper'])[1 + k %% 6],
               'Report ' || k || ' on the conduct of the police', current_date - (k * 37 %% 7300)::int,
               ARRAY[(ARRAY['extrajudicial_killing', 'torture', 'enforced_disappearance', 'sexual_violence',
                            'protest_force', 'surveillance', 'profiling', 'corruption'])[1 + k %% 8]],
               (ARRAY['low', 'medium', 'high', 'grave'])[1 + k %% 4], (ARRAY['low', 'medium', 'high'])[1 + k %% 3],
               'https://reports.example.org/' || partner_id || '/' || k,
               'What the report found about the agency, in a few sentences of its own.', %(enterer)s,
               CASE WHEN verified THEN %(verifier)s END, CASE WHEN verified THEN now() - (k || ' hours')::interval END,
               now() - (k || ' hours')::interval
        FROM ({source}) AS f
    """
    cursor.execute(
        findings.format(
            source="SELECT %(partner)s AS partner_id, k, true AS verified FROM generate_series(1, %(n)s) AS k"
        ),
        {"partner": PARTNER_ID, "n": PARTNER_FINDINGS, "enterer": enterer, "verifier": verifier},
    )
    cursor.execute(
        findings.format(
            source="""SELECT p.id AS partner_id, p.id * 3 + j AS k, (p.id + j) %% 10 <> 0 AS verified
                      FROM exchanges_partneragency AS p CROSS JOIN generate_series(1, 3) AS j
                      WHERE p.id <> %(partner)s AND j <= p.id %% 4"""
        ),
        {"partner": PARTNER_ID, "enterer": enterer, "verifier": verifier},
    )
    # Proposals: in twenty, one draft, one submitted, one in screening, two in review, one withdrawn, one reopened,
    # five approved, three approved with conditions, three rejected, two completed.
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_exchange_cities ON COMMIT DROP AS
        SELECT c.id, row_number() OVER (ORDER BY c.id) AS n,
               (SELECT r.user_id FROM cities_representative AS r WHERE r.city_id = c.id ORDER BY r.id LIMIT 1) AS rep
        FROM cities_city AS c WHERE c.membership_status = 'member'
        """
    )
    cursor.execute("SELECT count(*) FROM bench_exchange_cities")
    cities = cursor.fetchone()[0]
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_partners ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY id) AS n FROM exchanges_partneragency
        """
    )
    cursor.execute(
        """
        WITH numbered AS (
            SELECT g, (ARRAY['draft', 'submitted', 'screening', 'in_review', 'in_review', 'withdrawn', 'reopened',
                             'approved', 'approved', 'approved', 'approved', 'approved', 'approved_with_conditions',
                             'approved_with_conditions', 'approved_with_conditions', 'rejected', 'rejected',
                             'rejected', 'completed', 'completed'])[1 + g %% 20] AS status,
                   current_date - (g %% 1500) + 60 AS starts_on
            FROM generate_series(1, %(proposals)s) AS g
        )
        INSERT INTO exchanges_proposal (
            city_id, proposed_by_id, title, direction, exchange_type, topics, starts_on, ends_on, officers, units,
            cost, payer, objectives, agenda, curriculum, status, risk_level, risk_flags, comments_close_at,
            decision_rationale, decision_summary, override_reason, letter_reasons, sensitive_fields, decided_by_id,
            decided_at, approval_expires_on, report, report_filed_at, reopen_reason, submitted_at, created_at,
            updated_at)
        SELECT c.id, c.rep, 'Exchange ' || g || ': ' || (ARRAY['crisis response', 'protest policing',
                   'investigations', 'community policing', 'surveillance technology'])[1 + g %% 5],
               (ARRAY['receive', 'deliver', 'mutual'])[1 + g %% 3],
               (ARRAY['training', 'study_visit', 'conference', 'equipment', 'advisory', 'joint_exercise'])[1 + g %% 6],
               ARRAY[(ARRAY['use_of_force', 'crowd_control', 'surveillance', 'de_escalation', 'community_policing',
                            'crisis_intervention', 'investigations', 'human_rights', 'other'])[1 + g %% 9]],
               starts_on, starts_on + (g %% 10), 2 + g %% 30, 'Training unit',
               1000 + (g * 7919) %% 200000,
               (ARRAY['city', 'national', 'foreign', 'philanthropy', 'partner'])[1 + g %% 5],
               'What the city means to learn or teach, and why.', '', '', status,
               (ARRAY['low', 'normal', 'flagged', 'high'])[1 + g %% 4], '[]',
               CASE WHEN status = 'in_review' THEN now() + interval '7 days' END,
               CASE WHEN decided THEN 'Weighed the partner''s record against the benefits.' ELSE '' END,
               CASE WHEN decided THEN 'A summary of the decision for the register.' ELSE '' END, '',
               CASE WHEN status = 'rejected' THEN 'The curriculum teaches tactics we refuse.' ELSE '' END,
               CASE WHEN decided AND g %% 7 = 0 THEN ARRAY['cost'] WHEN decided AND g %% 11 = 0
                    THEN ARRAY['partners', 'rationale'] ELSE '{}'::varchar[] END,
               CASE WHEN decided THEN %(staff)s END,
               CASE WHEN decided THEN now() - ((g %% 1400) || ' hours')::interval END,
               CASE WHEN status IN ('approved', 'approved_with_conditions', 'completed')
                    THEN current_date - (g %% 1400) / 24 + 365 END,
               CASE WHEN status = 'completed' THEN 'How the exchange went.' ELSE '' END,
               CASE WHEN status = 'completed' THEN now() - ((g %% 100) || ' days')::interval END,
               CASE WHEN status = 'reopened' THEN 'A new finding against the partner.' ELSE '' END,
               CASE WHEN status <> 'draft' THEN now() - ((g %% 2000 + 100) || ' hours')::interval END,
               now() - ((g %% 2000 + 200) || ' hours')::interval, now() - ((g %% 2000) || ' hours')::interval
        FROM (SELECT *, status IN ('approved', 'approved_with_conditions', 'rejected', 'completed') AS decided
              FROM numbered) AS n
        -- Each city gets proposals in every state: the city follows from the proposal's block of twenty and from
        -- its place in it, never from its place alone (which picks its state).
        JOIN bench_exchange_cities AS c ON c.n = 1 + ((g / 20) * 13 + (g %% 20) * 7) %% %(cities)s
        """,
        {"proposals": sizes.proposals, "cities": cities, "staff": staff},
    )
    # One partner each, a second for one in three.
    cursor.execute(
        """
        INSERT INTO exchanges_proposal_partners (proposal_id, partneragency_id)
        SELECT DISTINCT p.id, b.id
        FROM exchanges_proposal AS p CROSS JOIN generate_series(0, 1) AS j
        JOIN bench_partners AS b ON b.n = 1 + (p.id * 7 + j * 3) %% %s
        WHERE j = 0 OR p.id %% 3 = 0
        """,
        [sizes.partners],
    )
    # Two reviewers on every proposal past screening, their recommendations in once it is decided.
    cursor.execute(
        """
        INSERT INTO exchanges_review (proposal_id, reviewer_id, assigned_by_id, due_on, checklist, recommendation,
                                      submitted_at, assigned_at)
        SELECT p.id, r.reviewer, %(staff)s, p.submitted_at::date + 21, '{}',
               CASE WHEN p.decided_at IS NOT NULL THEN (ARRAY['approve', 'approve_with_conditions', 'reject'])
                    [1 + (p.id + r.k) %% 3] ELSE '' END,
               CASE WHEN p.decided_at IS NOT NULL THEN p.decided_at - interval '2 days' END, p.submitted_at
        FROM exchanges_proposal AS p
        CROSS JOIN (VALUES (%(enterer)s, 0), (%(verifier)s, 1)) AS r(reviewer, k)
        WHERE p.status NOT IN ('draft', 'submitted', 'screening', 'withdrawn')
        """,
        {"staff": staff, "enterer": enterer, "verifier": verifier},
    )
    cursor.execute(
        """
        INSERT INTO exchanges_condition (proposal_id, measure, owner, due_on, done_at)
        SELECT id, 'An independent observer attends every session.', 'The training unit', starts_on - 7,
               CASE WHEN id %% 2 = 0 THEN decided_at + interval '10 days' END
        FROM exchanges_proposal WHERE status = 'approved_with_conditions'
        """,
        [],
    )


FORUM_NAMES = {
    "use_of_force": "Use of force", "community_policing": "Community policing",
    "public_health": "Public-health violence reduction", "crisis_response": "Crisis response",
    "oversight": "Oversight and accountability", "restructuring": "Police restructuring",
    "stops_and_searches": "Stops and searches", "protest_policing": "Protest policing",
    "surveillance": "Surveillance", "training": "Training", "public_investment": "Investment in public services",
}  # fmt: skip
TOPIC_OPENINGS = [
    "How did your city handle", "Lessons from a year of", "Evaluating", "Funding", "Who oversees",
    "Questions about", "Starting", "Data on", "Residents' views on", "Scaling up",
]  # fmt: skip


def _post_search_vector(title: str, body: str, language: str) -> str:
    """SQL for what the forum services keep in `Post.search_vector`: the title (of an opening post) weighted A and
    the body B, in the dictionary of the post's language."""
    from django.conf import settings

    from network.forums.models import search_config

    cases = " ".join(f"WHEN '{code}' THEN '{search_config(code)}'" for code, _name in settings.LANGUAGES)
    config = f"(CASE {language} {cases} ELSE '{search_config('')}' END)::regconfig"
    return f"setweight(to_tsvector({config}, {title}), 'A') || setweight(to_tsvector({config}, {body}), 'B')"


def _forums(cursor, sizes: Sizes) -> None:
    """Public forums (one per theme, and `FORUM_SLUG` with about half of the topics, the first of which has
    `BIG_TOPIC_POSTS` posts), a members-only forum and a listed working group that the member belongs to, each
    with topics and numbered posts written from the practices' sentences (some attached to a practice or a city,
    some pseudonymous, a few pinned, in English, French and Spanish), their search vectors, the counters the
    services keep, and the member's read state on four topics in five."""
    from network.accounts.models import User

    member = User.objects.get(handle=MEMBER_HANDLE)
    forums = [(FORUM_SLUG, "Bench forum", "public", True)]
    forums += [(f"bench-{theme.replace('_', '-')}", name, "public", False) for theme, name in FORUM_NAMES.items()]
    forums += [("bench-members", "Members' forum", "members", False), ("bench-group", "Working group", "group", True)]
    cursor.execute(
        """
        INSERT INTO forums_forum (slug, name, description, description_html, access, listed, pseudonyms_allowed,
                                  theme, position, created_at, topic_count, post_count, last_post_at, created_by_id)
        SELECT slug, name, 'Discussions of ' || lower(name) || '.', '<p>Discussions of ' || lower(name) || '.</p>',
               access, access <> 'members', pseudonyms, '', position, now() - interval '3 years', 0, 0, NULL, NULL
        FROM unnest(%s::text[], %s::text[], %s::text[], %s::bool[]) WITH ORDINALITY
             AS f(slug, name, access, pseudonyms, position)
        """,
        [[f[0] for f in forums], [f[1] for f in forums], [f[2] for f in forums], [f[3] for f in forums]],
    )
    cursor.execute(
        """
        INSERT INTO forums_forummember (role, created_at, added_by_id, forum_id, user_id)
        SELECT 'member', now(), NULL, id, %s FROM forums_forum WHERE slug = 'bench-group'
        """,
        [member.pk],
    )
    # Sentences to write posts from, drawn once.
    sentence = " || ' ' || ".join(
        f"pg_temp.bench_pick(%({name})s::text[])" for name in ("subjects", "verbs", "objects", "qualifiers")
    )
    cursor.execute(
        "CREATE OR REPLACE FUNCTION pg_temp.bench_pick(words text[]) RETURNS text VOLATILE LANGUAGE sql "
        "AS 'SELECT words[1 + floor(random() * array_length(words, 1))::int]'"
    )
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE bench_sentences ON COMMIT DROP AS
        SELECT g - 1 AS i, {sentence} || '.' AS s FROM generate_series(1, 2000) AS g
        """,
        {
            "subjects": SENTENCE_SUBJECTS,
            "verbs": SENTENCE_VERBS,
            "objects": SENTENCE_OBJECTS,
            "qualifiers": SENTENCE_QUALIFIERS,
        },
    )
    cursor.execute("ANALYZE bench_sentences")
    topics = max(sizes.forum_topics, 1)
    others = topics - 1
    # The posts of the other topics: each has its opening post and a share of the rest, from 0 to twice the mean.
    extra = max(sizes.forum_posts - BIG_TOPIC_POSTS - others, 0)
    spread = 2 * extra // others + 1 if others else 1
    # Topic k: the first is the big one; one in twenty in the members' forum, one in twenty in the working group,
    # half in the named forum, the rest in the theme forums.
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_topics ON COMMIT DROP AS
        SELECT k,
               CASE WHEN k = 1 THEN %(big)s ELSE 1 + (k * 7919) %% %(spread)s END AS posts,
               CASE WHEN k = 1 THEN %(forum)s WHEN k %% 20 = 0 THEN 'bench-members'
                    WHEN k %% 20 = 10 THEN 'bench-group' WHEN k %% 2 = 1 THEN %(forum)s
                    ELSE 'bench-' || replace((%(themes)s::text[])[1 + (k / 2) %% 11], '_', '-') END AS forum,
               CASE WHEN k %% 20 = 7 THEN 'fr' WHEN k %% 20 = 13 THEN 'es' ELSE 'en' END AS language,
               now() - ((k * 37) || ' minutes')::interval - interval '10 days' AS started
        FROM generate_series(1, %(topics)s) AS k
        """,
        {
            "big": BIG_TOPIC_POSTS,
            "spread": spread,
            "forum": FORUM_SLUG,
            "themes": list(FORUM_NAMES),
            "topics": topics,
        },
    )
    cursor.execute("SELECT count(*) FROM practices_practice WHERE status = 'published'")
    practices = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM cities_city")
    cities = cursor.fetchone()[0]
    # Topics are numbered from BIG_TOPIC_ID whatever a copied template's sequence says: the pages name the first.
    cursor.execute("SELECT setval(pg_get_serial_sequence('forums_topic', 'id'), %s, false)", [BIG_TOPIC_ID])
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_people ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts_user WHERE handle LIKE 'bench\\_%%'
        """
    )
    cursor.execute("ANALYZE bench_topics")
    cursor.execute("ANALYZE bench_people")
    cursor.execute("SELECT count(*) FROM bench_people")
    people = cursor.fetchone()[0]
    cursor.execute(
        """
        WITH practices AS (
            SELECT id, row_number() OVER (ORDER BY id) AS n FROM practices_practice WHERE status = 'published'
        ),
        cities AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM cities_city)
        INSERT INTO forums_topic (title, pseudonymous, pinned, locked, closed, hidden, deleted_at, language,
                                  created_at, last_post_at, last_post_number, reply_count, author_id, city_id,
                                  forum_id, practice_id)
        SELECT CASE WHEN t.k %% 100 = 7 THEN 'Ombudsman reports: ' ELSE '' END
               || (%(openings)s::text[])[1 + t.k %% 10] || ' ' || lower(split_part(s.s, ' ', 1))
               || ' ' || split_part(s.s, ' ', 2) || ' (' || t.k || ')',
               f.pseudonyms_allowed AND t.k %% 10 = 3, t.k %% 500 = 11, t.k %% 250 = 17, t.k %% 300 = 19, false,
               NULL, t.language, t.started, t.started + (t.posts || ' minutes')::interval, t.posts, t.posts - 1,
               a.id, c.id, f.id, p.id
        FROM bench_topics AS t
        JOIN forums_forum AS f ON f.slug = t.forum
        JOIN bench_people AS a ON a.n = 1 + (t.k * 31) %% %(people)s
        LEFT JOIN cities AS c ON t.k %% 9 = 4 AND c.n = 1 + (t.k * 13) %% %(cities)s
        LEFT JOIN practices AS p ON t.k %% 7 = 2 AND p.n = 1 + (t.k * 17) %% GREATEST(%(practices)s, 1)
        JOIN bench_sentences AS s ON s.i = t.k %% 2000
        ORDER BY t.k
        """,
        {"openings": TOPIC_OPENINGS, "people": people, "cities": cities, "practices": practices},
    )
    cursor.execute(
        """
        CREATE TEMPORARY TABLE bench_topic_ids ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY id) AS k FROM forums_topic
        """
    )
    cursor.execute("ANALYZE bench_topic_ids")
    # The search index is built once over all the posts rather than grown by half a million inserts: taken off
    # here, put back as the migration made it.
    cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'forums_post' AND indexname = 'post_search'")
    search_index = cursor.fetchone()[0]
    cursor.execute("DROP INDEX post_search")
    # Post n of topic k: its author (the topic's for the opening post), its words, and the search word in one post
    # in two hundred. The search vector is computed as the services compute it.
    cursor.execute(
        f"""
        INSERT INTO forums_post (number, pseudonym, body, body_html, language, created_at, edited_at, edit_count,
                                 deleted_at, removed, hidden, hidden_reason, hidden_at, report_count, ip_hash,
                                 ip_hashed_at, search_vector, author_id, quote_of_id, topic_id)
        SELECT p.n, CASE WHEN topic.pseudonymous THEN 'Bench heron ' || (a.id %% 97) ELSE '' END, p.body,
               '<p>' || p.body || '</p>', topic.language, topic.created_at + (p.n || ' minutes')::interval,
               NULL, 0, NULL, false, false, '', NULL, 0, '', NULL,
               {_post_search_vector("CASE WHEN p.n = 1 THEN topic.title ELSE '' END", "p.body", "topic.language")},
               a.id, NULL, topic.id
        FROM (
            SELECT t.k, i.id AS topic_id, n,
                   CASE WHEN (i.id * 7 + n * 13) %% 200 = 3 THEN 'An ombudsman could help here. ' ELSE '' END
                   || s1.s || ' ' || s2.s || CASE WHEN n %% 3 = 0 THEN ' ' || s3.s ELSE '' END AS body
            FROM bench_topics AS t
            JOIN bench_topic_ids AS i ON i.k = t.k
            CROSS JOIN LATERAL generate_series(1, t.posts) AS n
            JOIN bench_sentences AS s1 ON s1.i = (t.k * 7 + n * 3) %% 2000
            JOIN bench_sentences AS s2 ON s2.i = (t.k * 11 + n * 5) %% 2000
            JOIN bench_sentences AS s3 ON s3.i = (t.k + n * 17) %% 2000
        ) AS p
        JOIN forums_topic AS topic ON topic.id = p.topic_id
        JOIN bench_people AS a ON a.n = CASE WHEN p.n = 1 THEN 1 + (p.k * 31) %% %(people)s
                                             ELSE 1 + (p.k * 31 + p.n * 7) %% %(people)s END
        """,
        {"people": people},
    )
    # Postgres builds no index on a table with foreign-key checks still pending: run them now.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(search_index)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    # The member has read four topics in five, some of them to the end and the rest up to a few posts before it.
    cursor.execute(
        """
        INSERT INTO forums_readstate (last_read_number, updated_at, topic_id, user_id)
        SELECT GREATEST(t.last_post_number - i.k %% 4, 1), t.last_post_at, t.id, %s
        FROM forums_topic AS t JOIN bench_topic_ids AS i ON i.id = t.id
        WHERE i.k %% 5 <> 0
        """,
        [member.pk],
    )
    cursor.execute(
        """
        UPDATE forums_forum AS f
        SET topic_count = c.topics, post_count = c.posts, last_post_at = c.last_post_at
        FROM (SELECT forum_id, count(*) AS topics, sum(last_post_number) AS posts, max(last_post_at) AS last_post_at
              FROM forums_topic GROUP BY forum_id) AS c
        WHERE c.forum_id = f.id
        """
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="full")
    for name in PRESETS["full"]:
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, dest=name)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
    import django

    django.setup()
    print(seed(sizes_from(args.preset, vars(args))))


def sizes_from(preset: str, overrides: dict) -> Sizes:
    """A preset's sizes, with any figure given on the command line instead."""
    given = {name: overrides.get(name) for name in PRESETS[preset]}
    return Sizes(**{name: value if given[name] is None else given[name] for name, value in PRESETS[preset].items()})


if __name__ == "__main__":
    main()
