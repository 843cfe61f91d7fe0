"""The accountability board: what it counts on a hand-built set of pledges (honoured, overdue with frozen time,
withdrawn before and after publication, drafts, hidden shadow reports), its filters and sorting, its CSV, Atom feed
and API, the honoured badge, and a fixed number of queries however many rows."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from network.accounts.roles import Role
from practices import board, pledge_services, services
from tests.cities.conftest import KINSHASA, SAO_PAULO
from tests.conftest import _with_role
from tests.practices.conftest import shadow


@pytest.fixture
def world(publish, collection_of, kampala, city_rep, glasgow, glasgow_rep, staff_member, participant, make_pledge):
    """Kampala: one open pledge (a year ahead) and one due in ten days with three shadow reports, the newest
    hidden. Glasgow: one honoured, one withdrawn after publication, and a draft, a submitted pledge and one
    withdrawn before publication, none of which the board counts."""
    practices = [publish(slug=f"practice-{n}", title=f"Practice {n}") for n in range(3)]
    collection = collection_of("8-cant-wait", practices[:2], title="8 Can't Wait")
    k_open = make_pledge(kampala, city_rep, [practices[2]])
    k_due = make_pledge(kampala, city_rep, practices[:2], target_date=timezone.localdate() + timedelta(days=10))
    shadow(k_due, participant, "delayed", days_ago=3)
    shadow(k_due, participant, "not_honoured", days_ago=2)
    shadow(k_due, participant, "on_track", days_ago=1, hidden=True)
    g_honoured = make_pledge(glasgow, glasgow_rep, [practices[0]])
    services.adoption_record(actor=staff_member, city=glasgow, practice=practices[0], status="adopted")
    shadow(g_honoured, participant, "honoured")
    g_withdrawn = make_pledge(glasgow, glasgow_rep, [practices[1]])
    pledge_services.pledge_withdraw(actor=glasgow_rep, pledge=g_withdrawn, reason="A new council.")
    make_pledge(glasgow, glasgow_rep, [practices[2]], publish=False, submit=False)
    make_pledge(glasgow, glasgow_rep, [practices[2]], publish=False)
    early = make_pledge(glasgow, glasgow_rep, [practices[1]], publish=False, submit=False)
    pledge_services.pledge_withdraw(actor=glasgow_rep, pledge=early, reason="Too soon.")
    for pledge in (k_open, k_due, g_honoured, g_withdrawn):
        pledge.refresh_from_db()
    return {
        "practices": practices,
        "collection": collection,
        "kampala": kampala,
        "glasgow": glasgow,
        "k_open": k_open,
        "k_due": k_due,
        "g_honoured": g_honoured,
        "g_withdrawn": g_withdrawn,
        "overdue_day": k_due.target_date + timedelta(days=5),
    }


def _ids(queryset) -> list[int]:
    return [pledge.pk for pledge in queryset]


# --- What the board counts -------------------------------------------------------------------------------------


def test_it_counts_published_pledges_only_with_overdue_from_the_date(world):
    assert world["g_honoured"].status == "honoured"
    before = board.pledge_totals()
    assert before["made"] == 4 and before["overdue"] == 0 and before["open"] == 2
    with time_machine.travel(world["overdue_day"], tick=False):
        totals = board.pledge_totals()
    assert {key: totals[key] for key in ("made", "open", "overdue", "honoured", "withdrawn")} == {
        "made": 4,
        "open": 1,
        "overdue": 1,
        "honoured": 1,
        "withdrawn": 1,
    }
    # The latest visible shadow report per pledge: the hidden, newer "on track" does not count.
    assert totals["verdict_not_honoured"] == 1 and totals["verdict_honoured"] == 1
    assert totals["verdict_on_track"] == 0 and totals["verdict_delayed"] == 0 and totals["unassessed"] == 2


def test_each_row_has_its_status_lateness_practices_and_visible_verdicts(world):
    with time_machine.travel(world["overdue_day"], tick=False):
        rows = {row.pledge.pk: row for row in map(board.pledge_row, board.board_pledges())}
        assert set(rows) == {world[key].pk for key in ("k_open", "k_due", "g_honoured", "g_withdrawn")}
        due = rows[world["k_due"].pk]
        assert (due.status, due.overdue_days, due.total, due.closed) == ("overdue", 5, 2, 0)
        assert due.latest_verdict == "not_honoured"
        assert due.verdicts == {"on_track": 0, "delayed": 1, "not_honoured": 1, "honoured": 0}
        honoured = rows[world["g_honoured"].pk]
        assert (honoured.status, honoured.overdue_days, honoured.closed, honoured.latest_verdict) == (
            "honoured",
            0,
            1,
            "honoured",
        )
        assert rows[world["g_withdrawn"].pk].status == "withdrawn"
        assert rows[world["k_open"].pk].status == "open"


def test_a_collections_board_holds_the_pledges_naming_its_practices(world):
    pledges = _ids(board.board_pledges(collection=world["collection"]))
    assert sorted(pledges) == sorted(world[key].pk for key in ("k_due", "g_honoured", "g_withdrawn"))
    assert _ids(board.board_pledges(city=world["kampala"])) == [world["k_due"].pk, world["k_open"].pk]


def test_filters_and_sorting_of_pledges(world):
    with time_machine.travel(world["overdue_day"], tick=False):
        assert _ids(board.board_pledges(filters={"status": "overdue"})) == [world["k_due"].pk]
        assert _ids(board.board_pledges(filters={"status": "honoured"})) == [world["g_honoured"].pk]
        assert _ids(board.board_pledges(filters={"verdict": "not_honoured"})) == [world["k_due"].pk]
        # The hidden report's verdict is no pledge's latest.
        assert _ids(board.board_pledges(filters={"verdict": "on_track"})) == []
        glasgow = world["glasgow"]
        by_country = board.board_pledges(filters={"country": glasgow.country_code})
        assert sorted(_ids(by_country)) == sorted([world["g_honoured"].pk, world["g_withdrawn"].pk])
        by_region = board.board_pledges(filters={"region": world["kampala"].region})
        assert sorted(_ids(by_region)) == sorted([world["k_open"].pk, world["k_due"].pk])
        assert _ids(board.board_pledges(sort="overdue"))[0] == world["k_due"].pk
        by_status = [row.status for row in map(board.pledge_row, board.board_pledges(sort="status"))]
        assert by_status == ["honoured", "open", "overdue", "withdrawn"]
        by_city = [pledge.city.name for pledge in board.board_pledges(sort="city")]
        assert by_city == sorted(by_city)
        dates = [pledge.target_date for pledge in board.board_pledges(sort="-date")]
        assert dates == sorted(dates, reverse=True)


def test_the_network_board_counts_each_citys_pledges(world):
    with time_machine.travel(world["overdue_day"], tick=False):
        rows = {row.city.slug: row for row in map(board.city_row, board.board_cities())}
        kampala, glasgow = rows[world["kampala"].slug], rows[world["glasgow"].slug]
        assert (kampala.made, kampala.open, kampala.overdue, kampala.honoured, kampala.withdrawn) == (2, 1, 1, 0, 0)
        assert kampala.overdue_days == 5
        assert kampala.verdicts == {"on_track": 0, "delayed": 1, "not_honoured": 1, "honoured": 0}
        assert (glasgow.made, glasgow.open, glasgow.overdue, glasgow.honoured, glasgow.withdrawn) == (2, 0, 0, 1, 1)
        assert glasgow.verdicts["honoured"] == 1
        assert [c.slug for c in board.board_cities(filters={"has": "honoured"})] == [world["glasgow"].slug]
        assert [c.slug for c in board.board_cities(filters={"has": "overdue"})] == [world["kampala"].slug]
        assert [c.slug for c in board.board_cities(filters={"verdict": "on_track"})] == []
        assert next(c.slug for c in board.board_cities(sort="overdue")) == world["kampala"].slug
        assert next(c.slug for c in board.board_cities(sort="honoured")) == world["glasgow"].slug


def test_a_city_without_a_published_pledge_is_not_on_the_board(world, member_city):
    rep = _with_role("kinshasa_lead", "lead@kinshasa.example", Role.CITY_REPRESENTATIVE)
    member_city(rep, KINSHASA)
    slugs = {city.slug for city in board.board_cities()}
    assert slugs == {world["kampala"].slug, world["glasgow"].slug}


# --- Pages -----------------------------------------------------------------------------------------------------


def test_the_boards_pages_show_the_counts_and_the_verdicts(client, world):
    with time_machine.travel(world["overdue_day"], tick=False):
        page = client.get("/practices/board/").content.decode()
        assert "Kampala" in page and "Glasgow" in page and "Pledge honoured" in page
        assert "the oldest 5 days late" in page
        city_page = client.get(f"/practices/board/cities/{world['kampala'].slug}/").content.decode()
        assert "5 days late" in city_page and "Not honoured" in city_page and "Delayed: 1" in city_page
        assert "On track: 1" not in city_page
        collection_page = client.get(f"/practices/collections/{world['collection'].slug}/board/").content.decode()
        assert "Glasgow" in collection_page and "Honoured" in collection_page
        assert world["k_open"].get_absolute_url() not in collection_page
        assert world["k_due"].get_absolute_url() in collection_page


def test_a_bad_filter_is_a_400_that_keeps_the_input(client, world):
    response = client.get("/practices/board/?has=everything&region=europe")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page and 'value="europe" selected' in page
    response = client.get(f"/practices/board/cities/{world['kampala'].slug}/?status=lost")
    assert response.status_code == 400
    assert client.get(f"/practices/board/cities/{world['kampala'].slug}/pledges.csv?sort=x").status_code == 400


def test_the_pages_link_to_the_boards(client, world):
    collection = client.get(f"/practices/collections/{world['collection'].slug}/").content.decode()
    assert f"/practices/collections/{world['collection'].slug}/board/" in collection
    city = client.get(world["kampala"].get_absolute_url()).content.decode()
    assert f"/practices/board/cities/{world['kampala'].slug}/" in city and "/practices/board/" in city
    pledge = client.get(world["k_due"].get_absolute_url()).content.decode()
    assert f"/practices/board/cities/{world['kampala'].slug}/" in pledge


def test_the_csv_has_a_bom_and_a_row_per_pledge(client, world):
    with time_machine.travel(world["overdue_day"], tick=False):
        response = client.get(f"/practices/collections/{world['collection'].slug}/board/pledges.csv?sort=city")
    text = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8" and text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("pledge,url,city,country,region,collection,target_date")
    assert len(lines) == 4
    due = next(line.split(",") for line in lines if line.startswith(f"{world['k_due'].pk},"))
    assert due[8:] == ["overdue", "5", "2", "0", "not_honoured", "0", "1", "1", "0"]
    cities = client.get("/practices/board/cities.csv?has=honoured").content.decode("utf-8").lstrip("\ufeff")
    assert cities.splitlines()[1].split(",")[4:10] == ["2", "0", "0", "1", "1", "0"]


def test_the_atom_feed_lists_made_pledges_and_not_hidden_reports(client, world):
    shadow(world["k_open"], world["k_open"].created_by, "delayed", hidden=True)
    with time_machine.travel(world["overdue_day"], tick=False):
        response = client.get("/practices/board/feed.atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = response.content.decode()
    assert feed.count("<entry>") == 4
    assert "Kampala: Overdue" in feed and "Overdue by 5 days." in feed and "Latest shadow report: Not honoured" in feed
    city_feed = client.get(f"/practices/board/cities/{world['glasgow'].slug}/feed.atom").content.decode()
    assert city_feed.count("<entry>") == 2 and "Glasgow: Honoured" in city_feed


# --- API -------------------------------------------------------------------------------------------------------


def test_the_api_gives_rows_and_totals(world):
    api = APIClient()
    with time_machine.travel(world["overdue_day"], tick=False):
        data = api.get(f"/api/v1/board/pledges/?city={world['kampala'].slug}&sort=overdue").json()
        cities = api.get("/api/v1/board/cities/?sort=overdue").json()
    assert data["count"] == 2 and data["totals"]["overdue"] == 1 and data["totals"]["made"] == 2
    first = data["results"][0]
    assert first["id"] == world["k_due"].pk and first["status"] == "overdue" and first["overdue_days"] == 5
    assert first["latest_shadow_verdict"] == "not_honoured"
    assert first["shadow_reports"] == {"on_track": 0, "delayed": 1, "not_honoured": 1, "honoured": 0}
    assert first["city"]["slug"] == world["kampala"].slug and "email" not in str(first)
    assert [row["city"]["slug"] for row in cities["results"]] == [world["kampala"].slug, world["glasgow"].slug]
    assert cities["results"][1]["honoured"] == 1 and cities["totals"]["made"] == 4


def test_the_api_refuses_bad_filters_with_field_errors(world):
    api = APIClient()
    response = api.get("/api/v1/board/pledges/?status=lost&verdict=maybe")
    assert response.status_code == 400 and set(response.json()) == {"status", "verdict"}
    assert api.get("/api/v1/board/cities/?sort=shame").status_code == 400
    assert api.get("/api/v1/board/pledges/?collection=none-such").status_code == 404
    assert api.get("/api/v1/board/pledges/?page=0").status_code == 400


# --- Badges ----------------------------------------------------------------------------------------------------


def test_a_city_that_honoured_a_pledge_has_a_badge_in_the_directory_and_on_its_page(client, world):
    directory = client.get("/cities/").content.decode().split('id="city-results-caption"')[1]
    row_of = {name: directory.split(f">{name}</a>")[1].split("</tr>")[0] for name in ("Glasgow", "Kampala")}
    assert "Pledge honoured" in row_of["Glasgow"] and "Pledge honoured" not in row_of["Kampala"]
    assert "Pledge honoured" in client.get(world["glasgow"].get_absolute_url()).content.decode()
    assert "Pledge honoured" not in client.get(world["kampala"].get_absolute_url()).content.decode()


def test_the_directory_badge_costs_no_query_per_city(client, world, member_city, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get("/cities/")
    for handle, geonames_id in (("kinshasa_lead", KINSHASA), ("sao_paulo_lead", SAO_PAULO)):
        member_city(_with_role(handle, f"lead@{handle}.example", Role.CITY_REPRESENTATIVE), geonames_id)
    with django_assert_num_queries(3):
        response = client.get("/cities/")
    assert response.content.decode().count("Pledge honoured") == 1


# --- Query counts ----------------------------------------------------------------------------------------------

# A board page: its scope (a collection or a city), the totals, the count and the page of rows.
PLEDGE_BOARD_QUERIES = 4
# The network's: the totals, the count and the page of cities.
CITY_BOARD_QUERIES = 3


def test_the_boards_read_a_fixed_number_of_queries(
    client, publish, collection_of, kampala, city_rep, glasgow, glasgow_rep, participant, make_pledge,
    member_city, django_assert_num_queries,
):  # fmt: skip
    practices = [publish(slug=f"practice-{n}", title=f"Practice {n}") for n in range(3)]
    collection = collection_of("8-cant-wait", practices)
    first = make_pledge(kampala, city_rep, practices)
    shadow(first, participant, "delayed")
    urls = [
        "/practices/board/",
        f"/practices/collections/{collection.slug}/board/",
        f"/practices/board/cities/{kampala.slug}/",
    ]
    expected = [CITY_BOARD_QUERIES, PLEDGE_BOARD_QUERIES, PLEDGE_BOARD_QUERIES]
    for url, count in zip(urls, expected, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
    for _ in range(3):
        pledge = make_pledge(kampala, city_rep, practices[:2])
        shadow(pledge, participant, "on_track")
        shadow(make_pledge(glasgow, glasgow_rep, [practices[0]]), participant, "not_honoured")
    rep = _with_role("kinshasa_lead", "lead@kinshasa.example", Role.CITY_REPRESENTATIVE)
    make_pledge(member_city(rep, KINSHASA), rep, practices)
    for url, count in zip(urls, expected, strict=True):
        with django_assert_num_queries(count):
            response = client.get(url)
        assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 5
    # The CSV: the scope and every row, without totals or a count.
    with django_assert_num_queries(2):
        assert client.get(f"/practices/collections/{collection.slug}/board/pledges.csv").status_code == 200
    with django_assert_num_queries(CITY_BOARD_QUERIES):
        assert APIClient().get("/api/v1/board/cities/").status_code == 200
