"""What each part of the network adds to the pages and commands they share: the header's links, the account
menu's links, the home page's cards, the staff home's tiles, the API root's resources and the demo network. A
part registers its entries when its app is ready, so the shell names no part and a new part adds itself without
editing it. The parts' URLs are found the same way (`part_url_patterns`): an app whose config has a `url_prefix`
is a part."""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.urls import include, path
from django.utils.functional import Promise

Text = str | Promise


@dataclass(frozen=True)
class NavLink:
    """A link in the header. The link is marked current on pages of the URL namespaces it names."""

    key: str
    label: Text
    url_name: str
    namespaces: tuple[str, ...] = ()
    order: int = 100


@dataclass(frozen=True)
class AccountLink:
    """A link of the account menu (the side menu of a signed-in person's own pages): what a part keeps for them."""

    key: str
    label: Text
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class HomeCard:
    """A card under "What the network is for"; its template says what the part offers, with links."""

    key: str
    title: Text
    template: str
    order: int = 100


@dataclass(frozen=True)
class StaffTile:
    """A tile of the staff home page, shown to those `allowed(user)` lets in."""

    key: str
    title: Text
    description: Text
    url_name: str
    allowed: Callable
    order: int = 100


@dataclass(frozen=True)
class ApiResource:
    """An entry of the API root: a name and the URL name of the resource's list."""

    key: str
    url_name: str
    order: int = 100


@dataclass
class DemoContext:
    """What `seed_demo` hands each part's seeder: the demo accounts by email, and their password."""

    accounts: dict[str, object]
    password: str
    lines: list[str] = field(default_factory=list)

    def account(self, email: str):
        return self.accounts[email]


@dataclass(frozen=True)
class DemoSeeder:
    """`seed(context)` loads a part's share of the demo network through its services, adds nothing when run again,
    and returns the lines that say what it did."""

    key: str
    seed: Callable
    order: int = 100


class _Registry:
    def __init__(self, what: str):
        self.what = what
        self.entries: dict[str, object] = {}

    def add(self, entry):
        known = self.entries.get(entry.key)
        if known is not None and known != entry:
            raise ValueError(f"{self.what} {entry.key!r} is already registered.")
        self.entries[entry.key] = entry
        return entry

    def ordered(self) -> list:
        return sorted(self.entries.values(), key=lambda entry: (entry.order, entry.key))


_NAV_LINKS = _Registry("Header link")
_ACCOUNT_LINKS = _Registry("Account menu link")
_HOME_CARDS = _Registry("Home page card")
_STAFF_TILES = _Registry("Staff tile")
_API_RESOURCES = _Registry("API resource")
_DEMO_SEEDERS = _Registry("Demo seeder")


def register_nav_link(link: NavLink) -> NavLink:
    return _NAV_LINKS.add(link)


def register_account_link(link: AccountLink) -> AccountLink:
    return _ACCOUNT_LINKS.add(link)


def register_home_card(card: HomeCard) -> HomeCard:
    return _HOME_CARDS.add(card)


def register_staff_tile(tile: StaffTile) -> StaffTile:
    return _STAFF_TILES.add(tile)


def register_api_resource(resource: ApiResource) -> ApiResource:
    return _API_RESOURCES.add(resource)


def register_demo_seeder(seeder: DemoSeeder) -> DemoSeeder:
    return _DEMO_SEEDERS.add(seeder)


def nav_links() -> list[NavLink]:
    return _NAV_LINKS.ordered()


def account_links() -> list[AccountLink]:
    return _ACCOUNT_LINKS.ordered()


def home_cards() -> list[HomeCard]:
    return _HOME_CARDS.ordered()


def staff_tiles(user) -> list[StaffTile]:
    return [tile for tile in _STAFF_TILES.ordered() if tile.allowed(user)]


def api_resources() -> list[ApiResource]:
    return _API_RESOURCES.ordered()


def demo_seeders() -> list[DemoSeeder]:
    return _DEMO_SEEDERS.ordered()


def parts() -> list:
    """The installed apps that are parts of the network: those whose config names a `url_prefix`."""
    return [config for config in apps.get_app_configs() if getattr(config, "url_prefix", None)]


def part_url_patterns() -> tuple[list, list, list]:
    """(pages, staff pages, API routes) of every part. A part's `urls` module has `urlpatterns` (under
    `<url_prefix>/`, in the module's `app_name` namespace) and may have `staff_urlpatterns` (under
    `staff/<url_prefix>/`, in `<app_name>_staff`) and `api_urlpatterns` (under `api/v1/`, in `api`)."""
    pages, staff, api = [], [], []
    for config in parts():
        module = import_module(f"{config.name}.urls")
        prefix = config.url_prefix
        pages.append(path(f"{prefix}/", include(module)))
        if getattr(module, "staff_urlpatterns", None):
            staff.append(path(f"staff/{prefix}/", include((module.staff_urlpatterns, f"{module.app_name}_staff"))))
        api.extend(getattr(module, "api_urlpatterns", []))
    return pages, staff, api
