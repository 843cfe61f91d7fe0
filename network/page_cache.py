"""Whole pages for visitors, kept in the shared cache and never wrong.

A visitor's page (no session, no token, nothing personal) is the same for every visitor who asks for the same
address in the same language, so the first one renders it and the next ones get it from the cache without a query.
A view says it may be kept with `@visitor_page(parts=...)` (a DRF view with `page_cache_parts`), naming the parts of
the data it shows; each part has a version in the cache, and a page is kept with the versions of its parts read
before it was rendered, and served only while they are the current ones (one round trip reads the page and them).

Invalidation does not depend on every service remembering it: every INSERT, UPDATE or DELETE the database connection
runs on a table of a watched part (whatever issued it: a service, a queryset `update()`, a bulk import, raw SQL)
names a new version of that part at once and again when the transaction commits. A page rendered from rows as they
were before the commit was stored with a version read before it, which is not the current one after the commit: a
change shows on the very next request.

Only what is the same for everyone is kept: a request with a session or any cookie but the language and the CSRF
cookie, with credentials, from htmx with headers we do not key on, or not a GET, is served as before; a response is
kept only when it is a 200 that sets no cookie, used no CSRF token and varies on nothing but what the key holds. A
page with a form a visitor sends (`form_token=True`) is kept with a mark where the token goes, filled in for each
response with its own visitor's token.
"""

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connections
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.utils.translation import get_language

# The parts whose tables are watched, by app label. A page that shows data of a part names it; `ALL_PARTS` for a
# page that shows sections other parts contribute (the city page, the home page).
WATCHED_APPS = ("accounts", "cities", "practices", "forums", "exchanges", "notifications")
ALL_PARTS = WATCHED_APPS
# Tables written on behalf of one person that no visitor page shows: writing them changes no cached page.
UNWATCHED_TABLES = frozenset(
    {
        "accounts_apitoken",
        "forums_readstate",
        "notifications_event",
        "notifications_notification",
        "notifications_digest",
        "notifications_delivery",
        "notifications_preference",
    }
)
VERSION_KEY = "page-cache:{database}:version:{part}"
# The request headers a cached page may differ by (besides the language, the host and the address).
KEYED_HEADERS = ("HTTP_ACCEPT", "HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_TRIGGER", "HTTP_HX_TRIGGER_NAME")
KEYED_VARY = frozenset({"accept", "accept-language", "cookie", "hx-request", "hx-target", "hx-trigger"})
# Cookies that do not change what a visitor's page holds: the language is in the key, and a page that used the
# CSRF token is never kept.
NEUTRAL_COOKIES = frozenset({settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME})
HIT_HEADER = "X-Page-Cache"

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?', re.IGNORECASE)


def visitor_page(*, parts: Iterable[str], by_day: bool = False, form_token: bool = False) -> Callable:
    """Mark a view whose visitors' responses may be kept, showing data of `parts`. `by_day` for a page that shows
    what the date alone changes, with no write to any table (a pledge becoming overdue): its key holds today's date,
    so yesterday's copy is never served today. `form_token` for a page whose form a visitor sends (signing in): it is
    rendered with a mark where the CSRF token goes, the copy kept holds the mark, and every response, kept or not,
    gets its own visitor's token in the mark's place."""
    named = tuple(parts)
    unknown = set(named) - set(WATCHED_APPS)
    if unknown:
        raise ValueError(f"Unwatched parts: {sorted(unknown)}")

    def mark(view):
        view.page_cache_parts = named
        view.page_cache_by_day = by_day
        view.page_cache_form_token = form_token
        return view

    return mark


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


# Versions ---------------------------------------------------------------------------------------------------------


def _new_version() -> str:
    # Never a counter: a version evicted from the cache and started again would name pages of the past.
    return uuid4().hex


def version_key(part: str) -> str:
    # Two databases served with one Redis (a benchmark's two sizes) never share a page.
    return VERSION_KEY.format(database=settings.DATABASES["default"]["NAME"], part=part)


def _bump(part: str) -> None:
    cache.set(version_key(part), _new_version(), None)


@dataclass(frozen=True)
class _BumpOnCommit:
    part: str
    savepoints: tuple

    def __call__(self) -> None:
        _bump(self.part)


def part_changed(part: str, *, using: str = "default") -> None:
    """A table of `part` was written: a new version now, and another once the transaction commits."""
    connection = connections[using]
    if not connection.in_atomic_block:
        _bump(part)
        return
    savepoints = tuple(connection.savepoint_ids)
    pending = _BumpOnCommit(part, savepoints)
    # Once per part and transaction (or savepoint): a service writing fifty rows names one new version.
    if any(callback == pending for _, callback, _ in connection.run_on_commit):
        return
    _bump(part)
    connection.on_commit(pending)


def versions(parts: Iterable[str], found: dict | None = None) -> tuple[str, ...]:
    """The current version of each part, from `found` (what a `get_many` of their keys, and maybe more, read) when
    given; a part never versioned yet gets one."""
    keys = [version_key(part) for part in parts]
    found = cache.get_many(keys) if found is None else found
    missing = {key: _new_version() for key in keys if key not in found}
    if missing:
        # Two requests starting the same missing version: `add` keeps the first, and both read it back.
        for key, value in missing.items():
            cache.add(key, value, None)
        found = cache.get_many(keys)
    return tuple(found.get(key, "") for key in keys)


_PART_OF_TABLE: dict[str, str] | None = None


def _part_of_table() -> dict[str, str]:
    global _PART_OF_TABLE
    if _PART_OF_TABLE is None:
        from django.apps import apps

        _PART_OF_TABLE = {
            model._meta.db_table: model._meta.app_label
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in WATCHED_APPS and model._meta.db_table not in UNWATCHED_TABLES
        }
    return _PART_OF_TABLE


# Set while `migrate` runs: its writes name no version one by one (the cache itself may not exist yet, as on a fresh
# machine whose cache is a database table created after the tables); every part gets a new one once it has finished.
_migrating = False


def migration_started(**kwargs) -> None:
    """`pre_migrate`, sent once per app before migrate writes anything."""
    global _migrating
    _migrating = True


def migration_finished(using: str = "default", **kwargs) -> None:
    """`post_migrate`, sent once per app after the whole migration: the first names a new version of every part,
    since a migration may have changed what any page shows."""
    global _migrating
    if not _migrating:
        return
    _migrating = False
    if _cache_ready(using):
        for part in WATCHED_APPS:
            _bump(part)


def _cache_ready(using: str) -> bool:
    """Whether the cache can be written: a database cache's table may not have been created yet."""
    table = getattr(cache, "_table", None)
    if table is None:
        return True
    return table in connections[using].introspection.table_names()


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: a write to a watched table names a new version of its part."""
    result = execute(sql, params, many, context)
    if enabled() and not _migrating:
        found = _WRITE.match(sql)
        if found:
            part = _part_of_table().get(found.group(1))
            if part is not None:
                part_changed(part, using=context["connection"].alias)
    return result


def install_on(connection, **kwargs) -> None:
    """Called for every new database connection (the `connection_created` signal)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


# Pages ------------------------------------------------------------------------------------------------------------


def _parts_of_view(func) -> tuple[str, ...] | None:
    parts = getattr(func, "page_cache_parts", None)
    if parts is None:
        view_class = getattr(func, "cls", None) or getattr(func, "view_class", None)
        parts = getattr(view_class, "page_cache_parts", None)
    return parts


def _marked(func, name: str) -> bool:
    if hasattr(func, name):
        return getattr(func, name)
    view_class = getattr(func, "cls", None) or getattr(func, "view_class", None)
    return getattr(view_class, name, False)


@dataclass(frozen=True)
class _Kept:
    parts: tuple[str, ...]
    by_day: bool
    form_token: bool


@lru_cache(maxsize=4096)
def _kept_view(urlconf: str, path: str) -> _Kept | None:
    """How the view at `path` may be kept, or None: read once per address and URL configuration in a process
    (resolving an address costs a tenth of a page served from the cache), a bounded number of addresses."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    parts = _parts_of_view(match.func)
    if parts is None:
        return None
    return _Kept(tuple(parts), _marked(match.func, "page_cache_by_day"), _marked(match.func, "page_cache_form_token"))


@receiver(setting_changed)
def _urls_changed(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _kept_view.cache_clear()


# Parts of signed-in pages ----------------------------------------------------------------------------------------


def kept_fragments(
    name: str, parts: Iterable[str], bits: Sequence[str], ids: Sequence, render: Callable[[list], dict]
) -> dict:
    """{id: fragment} for parts of a page that are the same for everyone who may see them (nothing of the viewer
    in them), read from the shared cache in one round trip and rendered (then kept) where missing: `render(ids)`
    returns {id: fragment} for the ids asked. They are kept under the versions of the `parts` they show, the language,
    the time zone and the `bits` of the page they were rendered for: any write to those parts' tables names new
    versions, so a change shows on the next request. With the page cache off, each is rendered every time."""
    if not enabled():
        return render(list(ids))
    text = "\x1e".join(
        [
            settings.DATABASES["default"]["NAME"],
            name,
            get_language() or "",
            timezone.get_current_timezone_name(),
            *bits,
            *versions(parts),
        ]
    )
    prefix = f"page-cache:fragment:{name}:{hashlib.sha256(text.encode()).hexdigest()}"
    keys = {item: f"{prefix}:{item}" for item in ids}
    found = cache.get_many(keys.values())
    kept = {item: found[key] for item, key in keys.items() if key in found}
    missing = [item for item in ids if item not in kept]
    if missing:
        fresh = render(missing)
        cache.set_many({keys[item]: fresh[item] for item in missing}, settings.PAGE_CACHE_SECONDS)
        kept.update(fresh)
    return kept


# Form tokens ------------------------------------------------------------------------------------------------------


def form_token_mark() -> str:
    """What a page that keeps a hole for the CSRF token is rendered with instead of a token: derived from the
    secret key, so that nobody can put it in a page (in an address's `next`, say) to have a token written there."""
    return salted_hmac("network.page_cache.form_token", "mark", algorithm="sha256").hexdigest()


_TOKEN_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]*)"')


def _holds_only_marks(content: bytes, mark: bytes) -> bool:
    """Every form token in the page is the mark: no token rendered some other way is ever kept."""
    return all(value == mark for value in _TOKEN_FIELD.findall(content))


def _with_token(request, response, mark: bytes) -> None:
    if response.streaming or mark not in response.content:
        return
    # The visitor's own token (a new one, with its cookie, for a visitor who has none yet).
    response.content = response.content.replace(mark, get_token(request).encode())
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def _is_visitor(request) -> bool:
    meta = request.META
    if request.method != "GET" or "HTTP_AUTHORIZATION" in meta:
        return False
    return all(name in NEUTRAL_COOKIES for name in request.COOKIES)


def query_key(request) -> str:
    """The address's query with its parameters in one order: a page, or a part of one, is kept once per query
    however its parameters are ordered."""
    return urlencode(sorted(request.GET.lists()), doseq=True)


def _key(request, *, by_day: bool = False) -> str:
    """Where a page is kept: one place per address, language and keyed headers; the page is kept with the versions
    of its parts read before it was rendered, and served only while they are still the current ones."""
    query = query_key(request)
    headers = "\x1f".join(request.META.get(name, "") for name in KEYED_HEADERS)
    text = "\x1e".join(
        [
            settings.DATABASES["default"]["NAME"],
            request.scheme,
            request.get_host(),
            request.path,
            query,
            get_language() or "",
            headers,
            timezone.localdate().isoformat() if by_day else "",
        ]
    )
    return "page-cache:page:" + hashlib.sha256(text.encode()).hexdigest()


def _keepable(request, response, mark: bytes | None = None) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    # A page with a hole for its form's token says `private` for its token only (Django's and allauth's forms are
    # `never_cache`): the header is kept and sent again, so no cache in between keeps it either.
    if mark is None and ("private" in cache_control or "no-store" in cache_control):
        return False
    varies = {header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()}
    if not varies <= KEYED_VARY:
        return False
    # Belt and braces: no page holding a form's token is ever kept for someone else.
    if mark is not None:
        return _holds_only_marks(response.content, mark)
    return b"csrfmiddlewaretoken" not in response.content


class PageCacheMiddleware:
    """Serves visitors' pages from the shared cache; placed after the language is chosen and before anything that
    reads the session or the user, so that a page served from the cache costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _is_visitor(request):
            return self.get_response(request)
        kept_view = _kept_view(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)
        if kept_view is None:
            return self.get_response(request)
        parts = kept_view.parts
        key = _key(request, by_day=kept_view.by_day)
        mark = form_token_mark().encode() if kept_view.form_token else None
        # The page and its parts' versions in one round trip.
        found = cache.get_many([key, *(version_key(part) for part in parts)])
        current = versions(parts, found)
        kept = found.get(key)
        if kept is not None and kept[0] == current:
            _versions, status, headers, content = kept
            response = HttpResponse(content, status=status, headers=headers)
            if mark is not None:
                _with_token(request, response, mark)
            response[HIT_HEADER] = "hit"
            return response
        if mark is not None:
            # Read by the `site` context processor: the page is rendered with the mark, never with a token.
            request.form_token_mark = mark.decode()
        response = self.get_response(request)
        if mark is not None:
            # Each response holds its visitor's token: no cache in between may keep it.
            add_never_cache_headers(response)
        if _keepable(request, response, mark):
            # A page for visitors only: no cache in between may give it to someone signed in.
            patch_vary_headers(response, ["Cookie"])
            # Every header the view and the middleware after this one set (cookies are not headers here, and a
            # response setting one is never kept); those before it set theirs on every response, kept or not.
            headers = dict(response.items())
            cache.set(key, (current, response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        if mark is not None:
            _with_token(request, response, mark)
        return response
