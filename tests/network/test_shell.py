"""The shell names no part: the header, the home page, the staff home, the API root, the roles' permissions, the
demo network and the URLs are what the parts registered."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from network import shell
from network.accounts.roles import ROLE_GROUPS, Role, role_permissions


@pytest.fixture
def extra_part(monkeypatch):
    """Registries as a part that was just added would leave them: its entries come after the others'."""
    for registry in (
        shell._NAV_LINKS,
        shell._HOME_CARDS,
        shell._STAFF_TILES,
        shell._API_RESOURCES,
        shell._DEMO_SEEDERS,
    ):
        monkeypatch.setattr(registry, "entries", dict(registry.entries))
    seeded = []
    shell.register_nav_link(shell.NavLink(key="probe", label="Probe part", url_name="healthz", order=99))
    shell.register_home_card(shell.HomeCard(key="probe", title="Probe card", template="accounts/_home_card.html"))
    shell.register_staff_tile(
        shell.StaffTile(
            key="probe", title="Probe tile", description="Only for staff.", url_name="healthz", allowed=lambda u: True
        )
    )
    shell.register_api_resource(shell.ApiResource(key="probe", url_name="healthz", order=99))
    shell.register_demo_seeder(
        shell.DemoSeeder(key="probe", seed=lambda context: seeded.append(context) or ["Probe: seeded."], order=99)
    )
    return seeded


FIRST_RESOURCES = ["me", "cities", "my_applications", "practices", "collections", "adoptions"]


def test_it_shows_the_links_cards_and_resources_that_parts_registered(client, db, extra_part):
    page = client.get("/").text
    nav = re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)
    assert nav.index(">Library<") < nav.index(">Cities<") < nav.index(">Probe part<")
    assert "Probe card" in page and "Learning from what works" in page and "Cities joining the network" in page
    root = list(client.get("/api/v1/").json())
    # The foundation's and the first parts' resources in their order, then later parts', the probe, the docs.
    assert [key for key in root if key in FIRST_RESOURCES] == FIRST_RESOURCES
    assert root[-3:] == ["probe", "schema", "docs"]
    root = client.get("/api/v1/").json()
    assert root["probe"] == "http://testserver/healthz"


def test_the_staff_home_shows_each_person_the_tiles_they_may_open(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    page = client.get("/staff/").text
    tiles = re.findall(r'<h2><a href="([^"]+)">', page)
    first = ["/staff/people/", "/staff/cities/applications/", "/staff/practices/", "/staff/audit/",
             "/staff/notifications/", "/admin/"]  # fmt: skip
    assert [tile for tile in tiles if tile in first] == first
    for tile in tiles:
        assert client.get(tile).status_code == 200, tile


def test_a_tile_a_person_may_not_open_is_not_shown(client, staff_member, login_with_second_factor, monkeypatch):
    monkeypatch.setattr(shell._STAFF_TILES, "entries", dict(shell._STAFF_TILES.entries))
    shell.register_staff_tile(
        shell.StaffTile(key="probe", title="Hidden tile", description="", url_name="healthz", allowed=lambda u: False)
    )
    login_with_second_factor(staff_member)
    assert "Hidden tile" not in client.get("/staff/").text


def test_every_registered_seeder_runs_once_per_seed_demo_in_order(db, settings, extra_part):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert len(extra_part) == 1 and extra_part[0].account("staff@demo.example").handle == "secretariat_ana"
    lines = out.getvalue().splitlines()
    assert lines.index("Probe: seeded.") > next(i for i, line in enumerate(lines) if line.startswith("Library:"))


def test_the_role_groups_hold_the_permissions_the_parts_registered(db):
    staff = Group.objects.get(name=ROLE_GROUPS[Role.STAFF])
    held = sorted(f"{p.content_type.app_label}.{p.codename}" for p in staff.permissions.all())
    assert held == role_permissions(Role.STAFF)
    assert {"cities.review_application", "practices.curate_practice", "practices.verify_adoption"} <= set(held)


def test_a_registry_refuses_a_second_entry_under_the_same_key(monkeypatch):
    monkeypatch.setattr(shell._NAV_LINKS, "entries", dict(shell._NAV_LINKS.entries))
    with pytest.raises(ValueError, match="already registered"):
        shell.register_nav_link(shell.NavLink(key="library", label="Another library", url_name="healthz"))


def test_the_parts_urls_are_found_from_their_app_configs():
    assert [config.label for config in shell.parts()][:2] == ["cities", "practices"]
    pages, staff, api = shell.part_url_patterns()
    assert [str(pattern.pattern) for pattern in pages][:2] == ["cities/", "practices/"]
    assert [str(pattern.pattern) for pattern in staff][:2] == ["staff/cities/", "staff/practices/"]
    assert {pattern.name for pattern in api} >= {"cities", "practices", "adoptions", "application_approve"}
