"""Visitors' pages come from the shared cache and are never wrong: each change a page shows is there on the very next
request, nobody signed in is given (or leaves behind) a page rendered for someone else, and a kept page holds no
CSRF token and sets no cookie."""

import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cities import services as city_services
from network import page_cache
from practices import services
from practices.models import Practice
from tests.cities.conftest import KAMPALA, TBILISI

pytestmark = pytest.mark.page_cache

HIT = page_cache.HIT_HEADER
CACHE_TABLE = '"network_cache"'


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def library(publish, collection_of):
    practices = [publish(title=title) for title in ["Duty to intervene", "Ban chokeholds", "Require de-escalation"]]
    return collection_of("8-cant-wait", practices, title="8 Can't Wait"), practices


@pytest.fixture
def kampala(member_city, city_rep):
    return member_city(city_rep, KAMPALA)


def kept(response) -> bool:
    return response.get(HIT) == "hit"


def twice(client, url, **extra):
    """The page as the first visitor gets it (rendered) and as the next gets it (from the cache)."""
    first = client.get(url, **extra)
    second = client.get(url, **extra)
    assert first.status_code == 200 and first[HIT] == "miss", url
    assert kept(second) and second.content == first.content, url
    return second


def test_it_serves_a_visitors_page_from_the_cache_without_a_query(visitor, library, kampala):
    collection, practices = library
    pages = [
        "/",
        "/practices/",
        "/practices/?q=chokeholds",
        practices[0].get_absolute_url(),
        f"/practices/collections/{collection.slug}/",
        f"/practices/collections/{collection.slug}/matrix.csv",
        "/cities/",
        kampala.get_absolute_url(),
        "/api/v1/practices/",
        "/api/v1/adoptions/",
        "/api/v1/cities/",
        f"/api/v1/collections/{collection.slug}/matrix/",
    ]
    for url in pages:
        visitor.get(url)
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get(url)
        # None but the cache's own, when the cache is a database table (a machine without Redis): with Redis, none.
        assert [query["sql"] for query in queries if CACHE_TABLE not in query["sql"]] == [], url
        assert kept(response), url
        assert not response.cookies, url


def test_a_kept_page_has_every_header_of_the_page_it_was(visitor, library):
    first = visitor.get("/practices/", secure=True)
    second = visitor.get("/practices/", secure=True)
    assert kept(second)
    for name, value in first.items():
        if name != HIT:
            assert second[name] == value, name
    assert second["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert "Cookie" in second["Vary"]


def test_a_new_adoption_shows_on_the_next_request(visitor, library, kampala, city_rep):
    collection, practices = library
    pages = [
        f"/practices/collections/{collection.slug}/",
        f"/practices/collections/{collection.slug}/matrix.csv",
        "/api/v1/adoptions/",
        kampala.get_absolute_url(),
        practices[1].get_absolute_url(),
    ]
    before = {url: twice(visitor, url).content for url in pages}
    services.adoption_record(actor=city_rep, city=kampala, practice=practices[1], status="adopted")
    for url in pages:
        response = visitor.get(url)
        assert not kept(response) and response.content != before[url], url
    csv_text = visitor.get(f"/practices/collections/{collection.slug}/matrix.csv").text
    assert "Kampala" in csv_text and "adopted" in csv_text
    assert '"slug":"kampala-ug"' in visitor.get("/api/v1/adoptions/").text.replace(" ", "")


def test_a_practice_published_or_archived_shows_on_the_next_request(visitor, library, publish, staff_member):
    _collection, practices = library
    for url in ["/", "/practices/", "/practices/?q=interrupters", "/api/v1/practices/"]:
        twice(visitor, url)
    publish(title="Violence interrupters")
    assert "Violence interrupters" in visitor.get("/practices/").text
    assert "Violence interrupters" in visitor.get("/practices/?q=interrupters").text
    assert "Violence interrupters" in visitor.get("/api/v1/practices/").text
    page = twice(visitor, practices[0].get_absolute_url())
    assert "Duty to intervene" in page.text
    services.practice_archive(actor=staff_member, practice=practices[0], reason="Superseded.")
    assert visitor.get(practices[0].get_absolute_url()).content != page.content
    assert "Duty to intervene" not in visitor.get("/practices/").text
    assert "Duty to intervene" not in visitor.get("/api/v1/practices/").text


def test_a_rating_changed_shows_on_the_next_request(visitor, library, staff_member, second_curator):
    _collection, practices = library
    practice = practices[2]
    url, api = practice.get_absolute_url(), f"/api/v1/practices/{practice.slug}/"
    assert '"rating":"inconclusive"' in twice(visitor, api).text.replace(" ", "")
    page = twice(visitor, url)
    proposal = services.rating_propose(
        actor=staff_member,
        practice=practice,
        rating="promising",
        study_count=3,
        study_design="3 quasi-experiments",
        single_study=False,
        rationale="Three studies since.",
    )
    services.rating_approve(actor=second_curator, proposal=proposal)
    assert '"rating":"promising"' in visitor.get(api).text.replace(" ", "")
    assert visitor.get(url).content != page.content and "Promising" in visitor.get(url).text


def test_a_city_joining_or_suspended_shows_on_the_next_request(
    visitor, kampala, member_city, participant, staff_member
):
    assert "Tbilisi" not in twice(visitor, "/cities/").text
    assert "Tbilisi" not in twice(visitor, "/api/v1/cities/").text
    member_city(participant, TBILISI)
    assert "Tbilisi" in visitor.get("/cities/").text
    assert "Tbilisi" in visitor.get("/api/v1/cities/").text
    page = twice(visitor, kampala.get_absolute_url())
    city_services.membership_suspend(actor=staff_member, city=kampala, reason="Under review.")
    assert visitor.get(kampala.get_absolute_url()).content != page.content
    assert "suspended" in visitor.get("/cities/").text


def test_a_language_switched_shows_on_the_next_request(visitor, library):
    english = twice(visitor, "/practices/")
    assert '<html lang="en">' in english.text
    response = visitor.post("/i18n/setlang/", {"language": "fr", "next": "/practices/"})
    assert response.status_code == 302
    french = visitor.get("/practices/")
    assert '<html lang="fr">' in french.text and not kept(french)
    assert kept(visitor.get("/practices/"))
    spanish = Client(headers={"Accept-Language": "es"}).get("/practices/")
    assert '<html lang="es">' in spanish.text
    assert '<html lang="en">' in Client().get("/practices/").text


def test_two_people_signed_in_with_different_roles_never_get_each_others_page(
    visitor, library, participant, staff_member
):
    _collection, practices = library
    url = practices[0].get_absolute_url()
    visitor_page = twice(visitor, url)
    assert "Sign in" in visitor_page.text
    staff, person = Client(), Client()
    staff.force_login(staff_member)
    person.force_login(participant)
    for _round in range(2):
        staff_page, person_page = staff.get(url), person.get(url)
        assert HIT not in staff_page and HIT not in person_page
        staff_name, person_name = (
            f'<span class="handle">({user.handle})</span>' for user in [staff_member, participant]
        )
        assert staff_name in staff_page.text and person_name not in staff_page.text
        assert person_name in person_page.text and staff_name not in person_page.text
        assert 'href="/staff/"' in staff_page.text and 'href="/staff/"' not in person_page.text
    # Nothing they were shown was kept for visitors either.
    again = visitor.get(url)
    assert kept(again) and again.content == visitor_page.content
    assert 'class="handle"' not in again.text


def test_a_token_or_any_other_cookie_is_never_served_nor_kept(visitor, library, participant):
    twice(visitor, "/api/v1/practices/")
    token = Client(headers={"Authorization": "Token not-a-real-one"}).get("/api/v1/practices/")
    assert HIT not in token
    stranger = Client()
    stranger.cookies["sessionid"] = "someone-elses"
    assert HIT not in stranger.get("/api/v1/practices/")


def test_a_kept_page_holds_no_csrf_token_and_sets_no_cookie(library):
    first, second = Client(), Client()
    # The first visitor has a CSRF cookie from the sign-in page before reaching the library.
    assert "csrftoken" in first.get("/accounts/login/").cookies
    for client in [first, second, first, second]:
        response = client.get("/practices/")
        assert response.status_code == 200 and not response.cookies
        assert "csrfmiddlewaretoken" not in response.text
    assert kept(response)


def test_a_page_that_used_the_csrf_token_is_not_kept(visitor, library, monkeypatch):
    from django.middleware.csrf import get_token

    from practices import views

    original = views.render

    def render_with_token(request, *args, **kwargs):
        get_token(request)
        return original(request, *args, **kwargs)

    monkeypatch.setattr(views, "render", render_with_token)
    response = visitor.get("/practices/")
    assert HIT not in response and "csrftoken" in response.cookies
    assert HIT not in visitor.get("/practices/")


def test_htmx_fragments_and_whole_pages_are_kept_apart(visitor, library):
    fragment = {"HX-Request": "true", "HX-Target": "practice-results"}
    whole = twice(visitor, "/practices/?q=chokeholds")
    part = twice(visitor, "/practices/?q=chokeholds", headers=fragment)
    assert "<html" in whole.text and "<html" not in part.text


def test_the_query_is_keyed_in_its_normal_form(visitor, library):
    first = visitor.get("/practices/?q=ban&sort=title")
    assert first[HIT] == "miss"
    assert kept(visitor.get("/practices/?sort=title&q=ban"))
    assert visitor.get("/practices/?q=duty")[HIT] == "miss"


def test_a_write_by_any_code_replaces_the_pages_it_shows(visitor, library):
    _collection, practices = library
    twice(visitor, "/practices/")
    # A bulk change that goes through no service, in its own transaction (this test's own never commits).
    with transaction.atomic():
        Practice.objects.filter(pk=practices[0].pk).update(title="Duty to step in")
    assert "Duty to step in" in visitor.get("/practices/").text


def test_a_page_rendered_before_the_commit_is_not_served_after_it(
    visitor, library, staff_member, django_capture_on_commit_callbacks
):
    _collection, practices = library
    with django_capture_on_commit_callbacks() as callbacks:
        services.practice_archive(actor=staff_member, practice=practices[0], reason="Superseded.")
        # Another process, between the change and its commit, renders the rows as they were and keeps the page
        # under the versions it read.
        stale = {part: cache.get(page_cache.version_key(part)) for part in page_cache.ALL_PARTS}
        assert stale["practices"]
    for callback in callbacks:  # the commit
        callback()
    after = {part: cache.get(page_cache.version_key(part)) for part in page_cache.ALL_PARTS}
    assert after["practices"] != stale["practices"]


def test_a_transaction_names_one_new_version_per_part_however_many_rows_it_writes(library, monkeypatch):
    _collection, practices = library
    bumped = []
    monkeypatch.setattr(page_cache, "_bump", bumped.append)
    with transaction.atomic():
        for practice in practices:
            Practice.objects.filter(pk=practice.pk).update(title=f"{practice.title}!")
        assert bumped == ["practices"]
        here = tuple(connection.savepoint_ids)
        pending = [
            callback.part
            for _, callback, _ in connection.run_on_commit
            if isinstance(callback, page_cache._BumpOnCommit) and callback.savepoints == here
        ]
        assert pending == ["practices"]


def test_migrate_names_no_version_write_by_write_and_a_new_one_for_every_part_once_it_has_finished(
    library, monkeypatch
):
    """On a fresh machine the cache is a table created after migrate's first writes: migrate must not write it."""
    _collection, practices = library
    bumped = []
    monkeypatch.setattr(page_cache, "_bump", bumped.append)
    emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
    with transaction.atomic():
        Practice.objects.filter(pk=practices[0].pk).update(title="Changed by a data migration")
    assert bumped == []
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert sorted(bumped) == sorted(page_cache.WATCHED_APPS)
    # Afterwards, writes name versions again (in a transaction of their own: the test's has named its version).
    bumped.clear()
    with transaction.atomic():
        Practice.objects.filter(pk=practices[0].pk).update(title="Changed by a service")
    assert bumped == ["practices"]


def test_writes_that_no_visitor_page_shows_replace_nothing(library, participant, monkeypatch):
    bumped = []
    monkeypatch.setattr(page_cache, "_bump", bumped.append)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE notifications_notification SET read_at = NULL WHERE false")
        cursor.execute("UPDATE forums_readstate SET topic_id = topic_id WHERE false")
        cursor.execute("UPDATE django_session SET expire_date = expire_date WHERE false")
    assert bumped == []
    with connection.cursor() as cursor:
        cursor.execute('update "cities_city" SET name = name WHERE false')
    assert bumped == ["cities"]


def test_the_page_cache_is_off_at_zero_seconds(visitor, library, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert HIT not in visitor.get("/practices/")
    assert HIT not in visitor.get("/practices/")


def test_a_lost_version_never_names_a_page_of_the_past(visitor, library, publish):
    twice(visitor, "/practices/")
    cache.delete(page_cache.version_key("practices"))  # evicted
    publish(title="Violence interrupters")
    assert "Violence interrupters" in visitor.get("/practices/").text
