"""Every payload of the corpus written into every field people write, then every page, export and API answer that
shows it loaded in Chromium: no dialog opens, no injected element or attribute exists, nothing is rendered
unescaped; and each sink does show the fields it is registered for (so the test cannot pass by showing nothing)."""

import logging
import re
from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client

from cities import services as cities
from practices import services as practices
from practices.models import Collection, CollectionItem
from tests.cities.conftest import COMMITMENTS, GLASGOW, KAMPALA, OFFICE, SAO_PAULO, TBILISI, letter
from tests.factories import UserFactory
from tests.practices.conftest import record
from tests.security.injection_corpus import PAYLOADS, URL_PAYLOADS, chunks, interleaved
from tests.security.injection_fields import FIELDS, SINKS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
logger = logging.getLogger(__name__)

# Run in every loaded document: what an injected payload would have left behind.
INJECTED = """() => {
  const found = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'poster'];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.localName;
    if (tag.includes('pwned')) found.push('<' + tag + '>');
    if (['script', 'style'].includes(tag) && /pwned/i.test(element.textContent)) found.push('<' + tag + '> pwned');
    if (['iframe', 'object', 'embed', 'base', 'marquee', 'math'].includes(tag)) found.push('<' + tag + '>');
    if (tag === 'meta' && /refresh/i.test(element.getAttribute('http-equiv') || '')) found.push('<meta refresh>');
    const source = element.getAttribute('href') || element.getAttribute('src') || '';
    if (['link', 'script'].includes(tag) && /pwned/i.test(source)) found.push('<' + tag + '> from pwned');
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name.includes('pwned') || name === 'srcdoc') found.push(tag + '[' + name + ']');
      const value = attribute.value.replace(/[\\t\\n\\r\\0]/g, '').trim().toLowerCase();
      if (urlAttributes.includes(name) && /^(javascript|vbscript|data):/.test(value)) {
        found.push(tag + '[' + name + '=' + value.slice(0, 30) + ']');
      }
      if (name === 'style' && /pwned|expression|javascript:/i.test(attribute.value)) found.push(tag + '[style]');
    }
  }
  return found;
}"""
# The text a person would read on the page, form fields included.
SHOWN = """() => document.documentElement.innerText + ' ' +
  Array.from(document.querySelectorAll('input, textarea')).map(field => field.value).join(' ') + ' ' +
  Array.from(document.querySelectorAll('a[href]')).map(link => link.getAttribute('href')).join(' ')"""


def _marker(index: int) -> str:
    return f"@{index}@"


def _values() -> dict[str, list[str]]:
    """For each field, the values it receives round after round: together they hold every payload."""
    values = {}
    for index, (name, spec) in enumerate(FIELDS.items()):
        marker = _marker(index)
        if spec.urls:
            values[name] = [f"{url}{marker}" for url in URL_PAYLOADS]
        else:
            payloads = interleaved()
            values[name] = [f"{marker} {value}" for value in chunks(payloads, spec.capacity - len(marker) - 1)]
    return values


def _world(staff_member, second_curator, participant, outsider):
    participant.affiliation_kind = "activist"
    participant.save(update_fields=["affiliation_kind"])
    lead = UserFactory(handle="kampala_lead", email="lead@kampala.example")
    other_lead = UserFactory(handle="glasgow_lead", email="lead@glasgow.example")

    def member(user, geonames_id):
        application = cities.application_create(actor=user, geonames_id=geonames_id)
        application = cities.application_update(
            actor=user, application=application, letter=letter(), **OFFICE, **COMMITMENTS
        )
        application = cities.application_submit(actor=user, application=application)
        application = cities.application_approve(actor=staff_member, application=application)
        return application.city

    city = member(lead, KAMPALA)
    lead.refresh_from_db()
    suspended_city = member(other_lead, GLASGOW)
    third_lead = UserFactory(handle="sao_paulo_lead", email="lead@saopaulo.example")
    other_city = member(third_lead, SAO_PAULO)
    application = cities.application_create(actor=participant, geonames_id=TBILISI)
    application = cities.application_update(
        actor=participant, application=application, letter=letter(), **OFFICE, **COMMITMENTS
    )
    agency = cities.agency_create(actor=lead, city=city, name="City police", level="municipal")
    practice = practices.practice_create(actor=staff_member, **record())
    practices.practice_submit(actor=staff_member, practice=practice)
    practice = practices.practice_publish(actor=second_curator, practice=practice)
    from tests.practices.conftest import EIGHT_CANT_WAIT  # noqa: F401 (same module as the collections fixture)

    practices.adoption_record(actor=third_lead, city=other_city, practice=practice, status="considering")
    collection = Collection.objects.create(slug="eight", title="Eight")
    CollectionItem.objects.create(collection=collection, practice=practice, position=0, label="one")
    return SimpleNamespace(
        participant=participant,
        lead=lead,
        outsider=outsider,
        staff=staff_member,
        city=city,
        suspended_city=suspended_city,
        other_city=other_city,
        application=application,
        agency=agency,
        challenge=None,
        practice=practice,
        collection=collection,
        suggestion=None,
        adoption=None,
        pending=defaultdict(dict),
    )


# A time's fraction of a second (":21.777777") may hold the digits by chance; the payloads' own never follow one.
TIME_FRACTION = re.compile(r":\d{2}\.\d+")


def _session_cookie(client: Client, live_server) -> dict:
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


class _Visits:
    def __init__(self, pages, world):
        self.pages, self.world = pages, world
        self.dialogs: list[str] = []
        self.loaded = 0
        self.injected: list = []
        self.missing: set = set()
        for page in pages.values():
            page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def visit(self, sink, markers: list[str]) -> None:
        page = self.pages[sink.role]
        url = sink.path(self.world)
        if sink.kind == "download":
            response = page.request.get(url)
            assert response.status == 200, (sink.name, response.status)
            headers = response.headers
            assert headers["content-disposition"].startswith("attachment"), sink.name
            assert headers["x-content-type-options"] == "nosniff", sink.name
            assert not headers["content-type"].startswith("text/html"), sink.name
            shown = response.text()
        else:
            response = page.goto(url, wait_until="domcontentloaded")
            assert response.status == 200, (sink.name, url, response.status)
            if sink.kind == "json":
                assert response.headers["content-type"].startswith("application/json"), sink.name
            injected = page.evaluate(INJECTED)
            if injected:
                self.injected.append((sink.name, url, injected))
            shown = page.evaluate(SHOWN)
        self.loaded += 1
        assert self.dialogs == [], (sink.name, self.dialogs)
        assert "7777778" not in TIME_FRACTION.sub("", shown), (sink.name, "a template tag was evaluated")
        self.missing.update((sink.name, marker) for marker in markers if marker not in shown)


def test_no_payload_runs_or_renders_anywhere_it_is_shown(
    browser,
    live_server,
    settings,
    staff_member,
    second_curator,
    participant,
    outsider,
    reviewer,
    login_with_second_factor,
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = False
    world = _world(staff_member, second_curator, participant, outsider)
    world.reviewer = reviewer
    clients = {"participant": Client(), "lead": Client(), "staff": Client(), "reviewer": Client()}
    clients["participant"].force_login(world.participant)
    clients["lead"].force_login(world.lead)
    login_with_second_factor(staff_member, client=clients["staff"])
    login_with_second_factor(reviewer, client=clients["reviewer"])
    contexts = {}
    for role in ("anonymous", "participant", "lead", "staff", "reviewer"):
        contexts[role] = browser.new_context(base_url=live_server.url, locale="en-GB")
        if role in clients:
            contexts[role].add_cookies([_session_cookie(clients[role], live_server)])
    # A visitor reading in French sees the records' translations.
    contexts["reader_fr"] = browser.new_context(base_url=live_server.url, locale="fr-FR")
    pages = {role: context.new_page() for role, context in contexts.items()}
    visits = _Visits(pages, world)
    index = {name: position for position, name in enumerate(FIELDS)}
    sink_markers = defaultdict(list)
    for name, spec in FIELDS.items():
        for sink in spec.sinks:
            sink_markers[sink].append(_marker(index[name]))
    values = _values()
    try:
        rounds = max(len(items) for items in values.values())
        for round_number in range(rounds):
            # A field whose values are all written keeps its last one: only fields with a new value are written.
            fresh = [name for name in FIELDS if round_number < len(values[name])]
            for name in fresh:
                spec = FIELDS[name]
                try:
                    spec.write(world, values[name][round_number])
                except ValidationError:
                    # Refused input is safe input; only web addresses may be refused.
                    assert spec.urls, name
            # The first round is loaded everywhere; later ones, on the first sink of each field they write.
            sinks = SINKS if round_number == 0 else sorted({FIELDS[n].sinks[0] for n in fresh if FIELDS[n].sinks})
            for sink_name in sinks:
                visits.visit(SINKS[sink_name], sink_markers[sink_name])
    finally:
        for context in contexts.values():
            context.close()
    figures = (
        f"{len(PAYLOADS)} payloads (+{len(URL_PAYLOADS)} addresses) x {len(FIELDS)} fields, "
        f"{sum(len(spec.sinks) for spec in FIELDS.values())} field-sink pairs over {len(SINKS)} sinks, "
        f"{visits.loaded} loads in {rounds} rounds"
    )
    logger.warning("Injection suite: %s", figures)
    assert visits.injected == []
    names = list(FIELDS)
    assert sorted((sink, names[int(marker.strip("@"))]) for sink, marker in visits.missing) == []


# Where the check is proven able to see a payload: written raw into the body, or into a quoted attribute.
CONTEXTS = ["<div>{}</div>", '<input value="{}">', "<input value='{}'>", "<textarea>{}</textarea>", "<title>{}</title>"]
# Payloads aimed at other places than HTML (template engines, Markdown, JavaScript strings, URL decoding): raw in
# HTML they make no markup, so the check has nothing to see there; the text check (7777778) covers the template ones.
NOT_HTML = {"template", "markdown", "entity"}


def test_the_check_sees_every_html_payload_written_unescaped(browser):
    unseen = []
    for kind, payload in PAYLOADS:
        # A fresh page for each: some payloads navigate away or close what they run in.
        context = browser.new_context()
        page = context.new_page()
        page.route("**/*", lambda route: route.abort())
        dialogs = []
        page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
        seen = False
        try:
            for template in CONTEXTS:
                page.set_content(f"<!doctype html><html><body>{template.format(payload)}</body></html>")
                if page.evaluate(INJECTED) or dialogs:
                    seen = True
                    break
        finally:
            context.close()
        if not seen:
            unseen.append(kind)
    # Only what is aimed at other places than HTML goes unseen when written raw into a page: template syntax (the
    # text check for 7777778 covers it), Markdown, and text already escaped as entities.
    assert set(unseen) <= NOT_HTML, unseen
