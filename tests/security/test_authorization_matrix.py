"""The authorization matrix: every URL pattern of the resolver (the API's routes among them) is requested as every
kind of visitor, with its parameters filled by real objects (other people's and other cities' among them), and
every answer is compared with the table in tests/security/access_table.py. A pattern with no row fails: whoever adds
a page states who may reach it.

Set MATRIX_WRITE=<file> to write the answers seen, in the table's own form, to that file (to review a change)."""

import copy
import os
import time
from fnmatch import fnmatch

import pytest
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY as METHODS_USER_KEY
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY as METHODS_KEY
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cities import services as city_services
from cities.challenges import challenge_create
from cities.models import City, Representative
from exchanges import services as exchange_services
from exchanges.funding import services as funding_services
from network.accounts import services as account_services
from network.accounts.roles import Role
from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from network.forums import services as forum_services
from network.forums.models import Access
from network.notifications.emails import unsubscribe_token
from network.notifications.models import Delivery, Notification
from practices import pledge_services, shadow_services
from practices import services as practice_services
from practices.models import Adoption, Pledge, RatingProposal, Suggestion
from tests.cities.conftest import GLASGOW, KAMPALA, SAO_PAULO, TBILISI
from tests.conftest import _with_role
from tests.exchanges.conftest import checklist, proposal_fields
from tests.factories import UserFactory
from tests.practices.conftest import record
from tests.security.access_table import API_ROLES, CASES, HTML_ROLES, PLEDGE_DATE, ROWS, Row

INVITATION_KEY = "matrix-invitation-key-0123456789abcdefghijklmnop"
MISSING = 999999
SECOND_FACTOR_STEPS = (
    "/accounts/2fa/reauthenticate/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/authenticate/",
    "/accounts/reauthenticate/",
)


def url_patterns():
    """(route, name) of every pattern the resolver holds, in resolution order, each route once."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), (namespace + pattern.name) if pattern.name else ""

    seen: dict[str, str] = {}
    for route, name in walk(get_resolver().url_patterns):
        seen.setdefault(route, name)
    return list(seen.items())


def row_for(route: str) -> tuple[str, Row] | None:
    if route in ROWS:
        return route, ROWS[route]
    # The most specific pattern first: the longest key that matches.
    for key in sorted((key for key in ROWS if "*" in key), key=len, reverse=True):
        if fnmatch(route, key):
            return key, ROWS[key]
    return None


def test_every_url_pattern_has_a_row():
    missing = [route for route, _name in url_patterns() if row_for(route) is None]
    assert missing == [], f"URL patterns with no row in tests/security/access_table.py: {missing}"


def test_every_row_matches_a_pattern():
    routes = [route for route, _name in url_patterns()]
    unused = [key for key in ROWS if not any(key == route or fnmatch(route, key) for route in routes)]
    assert unused == []


def outcome(response) -> str:
    """The answer's class: its status, or where a redirect goes (sign-in, the second factor, elsewhere)."""
    if response.status_code in (301, 302, 303, 307, 308):
        target = response["Location"].split("?")[0]
        if target.endswith(("/accounts/login/", "/admin/login/")):
            return "login"
        if target.endswith(SECOND_FACTOR_STEPS):
            return "2fa"
        return "302"
    return str(response.status_code)


def _passed_second_factor(client: Client, user) -> None:
    session = client.session
    now = time.time()
    session[METHODS_KEY] = [{"method": "password", "at": now}, {"method": "mfa", "at": now, "type": "totp"}]
    session[METHODS_USER_KEY] = str(user.pk)
    session.save()


@pytest.fixture
def world(
    participant,
    outsider,
    city_rep,
    staff_member,
    reviewer,
    second_curator,
    member_city,
    submitted,
    draft,
    publish,
    collection_of,
    enable_totp,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """One set of objects for the whole walk: two member cities, people in every role, and something of each kind
    belonging to someone."""
    other_rep = UserFactory(handle="glasgow_lead", email="lead@glasgow.example")
    colleague = UserFactory(handle="kampala_deputy", email="deputy@kampala.example")
    with django_capture_on_commit_callbacks(execute=True):
        own_city = member_city(city_rep, KAMPALA)
        other_city = member_city(other_rep, GLASGOW)
        city_services.representative_add(actor=SYSTEM, city=own_city, user=colleague, is_lead=False)
        own_agency = city_services.agency_create(
            actor=city_rep, city=own_city, name="Kampala police", level="municipal"
        )
        city_services.agency_create(actor=other_rep, city=other_city, name="Police Scotland", level="national")
        own_challenge = challenge_create(actor=city_rep, city=own_city, kind="corruption", description="Bribes.")
        own_application = draft(participant, TBILISI)
        other_application = submitted(outsider, SAO_PAULO)
        monkeypatch.setattr(city_services, "new_invitation_key", lambda: INVITATION_KEY)
        city_services.invitation_create(actor=city_rep, city=own_city, email="new@kampala.example")
        practice = publish(slug="duty-to-intervene")
        draft_practice = practice_services.practice_create(
            actor=staff_member, sources=[], related=None, **record(slug="secret-draft", title="Secret draft")
        )
        collection = collection_of("8-cant-wait", [practice])
        adoption = practice_services.adoption_record(actor=city_rep, city=own_city, practice=practice, status="adopted")
        suggestion = practice_services.suggestion_create(actor=participant, title="Body cameras", summary="Wear them.")
        proposal = practice_services.rating_propose(
            actor=staff_member,
            practice=practice,
            rating="promising",
            study_count=2,
            study_design="2 trials",
            single_study=False,
            rationale="New trials.",
        )
        pledges = _pledges(own_city, city_rep, staff_member, practice)
        reviewer.affiliation_kind = "researcher"  # civil society: the one role of the matrix that may file
        reviewer.save(update_fields=["affiliation_kind"])
        pledges["shadow_report"] = _shadow_report(pledges["pledge_published"])
        exchange_values = _exchange_world(own_city, city_rep, outsider, staff_member, second_curator, reviewer)
        forums = _forums(participant, outsider)
    for person in (staff_member, reviewer, second_curator):
        enable_totp(person)
    notification = Notification.objects.filter(recipient=city_rep).order_by("pk").first()
    delivery = Delivery.objects.order_by("pk").first()
    _token, token_key = account_services.api_token_rotate(actor=participant)
    people = {
        "participant": participant,
        "rep_own": city_rep,
        "rep_other": other_rep,
        "reviewer": reviewer,
        "staff_no2fa": staff_member,
        "staff": staff_member,
    }
    values = {
        "own_city": own_city.slug,
        "other_city": other_city.slug,
        "own_agency": own_agency.pk,
        "own_challenge": own_challenge.pk,
        "colleague": Representative.objects.get(city=own_city, user=colleague).pk,
        "own_application": own_application.pk,
        "other_application": other_application.pk,
        "invitation": INVITATION_KEY,
        "practice": practice.slug,
        "draft_practice": draft_practice.slug,
        "collection": collection.slug,
        "adoption": adoption.pk,
        "suggestion": Suggestion.objects.get(pk=suggestion.pk).pk,
        "proposal": RatingProposal.objects.get(pk=proposal.pk).pk,
        "notification": notification.pk,
        "delivery": delivery.pk if delivery else MISSING,
        "unsubscribe": unsubscribe_token(participant.pk, "*"),
        "person": participant.pk,
        "missing": MISSING,
        "audit_entry": AuditEntry.objects.order_by("pk").first().pk,
        "approve_decision": "approve",
        "submit_move": "submit",
        "french": "fr",
        "cities_label": "cities",
        **exchange_values,
        **forums,
        **pledges,
    }
    assert City.objects.count() >= 2 and Adoption.objects.count() == 1
    return people, values, token_key


def _pledges(city, rep, staff, practice) -> dict:
    """Kampala's pledges (its representative is `rep_own`): a draft, one waiting for staff, and a published one."""

    def pledge():
        return pledge_services.pledge_create(
            actor=rep, city=city, target_date=PLEDGE_DATE, steps="Write the policy.", practices=[practice]
        )

    draft, submitted, published = pledge(), pledge(), pledge()
    for each in (submitted, published):
        pledge_services.pledge_submit(actor=rep, pledge=each)
    pledge_services.pledge_publish(actor=staff, pledge=published)
    return {
        "pledge_draft": draft.pk,
        "pledge_submitted": submitted.pk,
        "pledge_published": published.pk,
        "publish_move": "publish",
    }


def _shadow_report(pledge_id: int) -> int:
    """A shadow report on Kampala's published pledge, by an activist outside the matrix's roles."""
    author = UserFactory(handle="kampala_watch", email="watch@kampala.example", affiliation_kind="activist")
    report = shadow_services.shadow_report_file(
        actor=author,
        pledge=Pledge.objects.get(pk=pledge_id),
        verdict="delayed",
        statement="Nothing has moved.",
        evidence=[{"url": "https://example.org/minutes", "title": "Council minutes"}],
        pseudonymous=True,
    )
    return report.pk


def _exchange_world(city, rep, outsider, staff, second_staff, reviewer) -> dict:
    """Exchange vetting's objects, all of Kampala (whose representative is `rep_own`): a proposal in each state
    that changes who may see or move it, the matrix's reviewer assigned to one of those in review and not to the
    other, a partner agency checked by staff and one a city entered, a finding awaiting its second person, a
    comment, a condition."""
    panel = [_with_role(f"panel_{n}", f"panel{n}@network.example", Role.REVIEWER) for n in ("two", "three")]
    partner = exchange_services.partner_create(
        actor=staff, name="Carabineros de Chile", country_code="CL", level="national"
    )
    entered = exchange_services.partner_create(
        actor=rep, name="Policia Municipal", country_code="PT", level="municipal"
    )
    finding = exchange_services.finding_create(
        actor=second_staff,
        partner=partner,
        source_kind="amnesty",
        publisher="Amnesty International",
        title="Eye injuries",
        published_on="2020-01-01",
        categories=["protest_force"],
        severity="high",
        credibility="high",
        summary="What the report found.",
    )

    def proposal(title: str, status: str, reviewers=(), recommendation="approve", **decision):
        made = exchange_services.proposal_create(
            actor=rep, city=city, partners=[partner], **proposal_fields(title=title)
        )
        if status == "draft":
            return made
        made = exchange_services.proposal_submit(actor=rep, proposal=made)
        if status == "submitted":
            return made
        made = exchange_services.proposal_screen(actor=staff, proposal=made)
        for person in reviewers:
            exchange_services.reviewer_assign(actor=staff, proposal=made, reviewer=person)
        made = exchange_services.proposal_open_review(actor=staff, proposal=made)
        if status == "in_review":
            return made
        for person in reviewers:
            exchange_services.review_submit(
                actor=person, proposal=made, checklist=checklist(), recommendation=recommendation
            )
        return exchange_services.proposal_decide(
            actor=staff, proposal=made, move=recommendation, rationale="Weighed.", summary="Summary.", **decision
        )

    reviewed = proposal("Reviewed by the matrix's reviewer", "in_review", reviewers=[reviewer, panel[0]])
    comment = exchange_services.comment_create(actor=outsider, proposal=reviewed, body="A question.")
    approved = proposal(
        "Approved with a condition",
        "approve_with_conditions",
        reviewers=panel,
        recommendation="approve_with_conditions",
        conditions=[{"measure": "An observer attends.", "owner": "Training unit", "due_on": "2030-01-01"}],
    )
    opportunity = funding_services.funding_create(
        actor=staff,
        funder_name="Ministry of Foreign Affairs",
        funder_kind="foreign_ministry",
        title="Police reform exchanges",
        currency="EUR",
        amount_min=1000,
        amount_max=50000,
        deadline="2030-01-01",
        eligibility="Member cities.",
        url="https://ministry.example/call",
    )
    return {
        "funding_opportunity": opportunity.pk,
        "exchange_partner": partner.pk,
        "entered_partner": entered.pk,
        "finding": finding.pk,
        "exchange_draft": proposal("A draft", "draft").pk,
        "exchange_submitted": proposal("Submitted", "submitted").pk,
        "exchange_reviewed": reviewed.pk,
        "exchange_unassigned": proposal("Reviewed by others", "in_review", reviewers=panel).pk,
        "exchange_rejected": proposal("Rejected", "reject", reviewers=panel, recommendation="reject").pk,
        "exchange_withheld": proposal(
            "Rejected, partner withheld",
            "reject",
            reviewers=panel,
            recommendation="reject",
            sensitive_fields=["partners"],
        ).pk,
        "exchange_approved": approved.pk,
        "exchange_comment": comment.pk,
        "exchange_condition": approved.conditions.get().pk,
    }


def _forums(participant, outsider) -> dict:
    """A public, a members-only and a working-group forum; the group's only member is nobody of the matrix's
    people (staff read it as moderators of every forum)."""
    public = forum_services.forum_create(
        actor=SYSTEM, slug="open-forum", name="Open forum", access=Access.PUBLIC, pseudonyms_allowed=True
    )
    members = forum_services.forum_create(actor=SYSTEM, slug="members-forum", name="Members", access=Access.MEMBERS)
    group = forum_services.forum_create(
        actor=SYSTEM, slug="closed-group", name="Closed group", access=Access.GROUP, listed=True
    )
    insider = UserFactory(handle="group_insider", email="insider@example.org")
    forum_services.member_add(actor=SYSTEM, forum=group, user=insider, role="moderator")
    public_topic = forum_services.topic_start(
        actor=participant, forum=public, title="Duty to intervene", body="Opening words", limits=False
    )
    public_post = forum_services.post_reply(actor=outsider, topic=public_topic, body="A reply", limits=False)
    pseudo_post = forum_services.post_reply(
        actor=outsider, topic=public_topic, body="Under a pseudonym", pseudonymous=True, limits=False
    )
    group_topic = forum_services.topic_start(
        actor=insider, forum=group, title="Group business", body="Private words", limits=False
    )
    group_post = forum_services.post_reply(actor=insider, topic=group_topic, body="More private words", limits=False)
    return {
        "public_forum": public.slug,
        "members_forum": members.slug,
        "group_forum": group.slug,
        "public_topic": public_topic.pk,
        "group_topic": group_topic.pk,
        "own_post": public_topic.posts.get(number=1).pk,
        "public_post": public_post.pk,
        "pseudo_post": pseudo_post.pk,
        "group_post": group_post.pk,
        "topic_title": "A topic from the matrix",
        "words": "Some words",
        "english": "en",
        "spam": "spam",
        "hide": "hide",
        "lock": "lock",
        "warn": "warn",
        "one": "1",
        "matrix_reason": "The matrix checks it.",
        "outsider_handle": outsider.handle,
        "member_role": "member",
    }


def _clients(people):
    clients = {"visitor": Client()}
    for role, user in people.items():
        client = Client()
        client.force_login(user)
        if role != "staff_no2fa":
            _passed_second_factor(client, user)
        clients[role] = client
    tokens = {}
    for role in ("participant", "rep_own", "reviewer", "staff"):
        _token, key = account_services.api_token_rotate(actor=people[role])
        tokens[f"token_{role}"] = key
    return clients, tokens


def _request(client: Client, method: str, url: str, headers: dict, data: dict):
    # Each request in a savepoint rolled back after it: a move one role makes does not change what the next sees.
    savepoint = transaction.savepoint_create()
    cache.clear()  # rate limits and throttles start from zero for each request
    cookies = copy.deepcopy(client.cookies)  # signing out (or in) in one request leaves the next one's session be
    try:
        if method == "GET":
            return client.get(url, **headers)
        if url.startswith("/api/"):
            return client.post(url, data, content_type="application/json", **headers)
        return client.post(url, data, **headers)
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = cookies


def test_every_answer_matches_the_table(world, settings):
    people, values, _token_key = world
    clients, tokens = _clients(people)
    mismatches: list[str] = []
    written: list[str] = []
    requests = 0
    for route, name in url_patterns():
        key, main_row = row_for(route)
        for row in (main_row, *CASES.get(key, ())):
            requests += _check_row(route, name, key, row, values, clients, tokens, mismatches, written)
    if os.environ.get("MATRIX_WRITE"):
        with open(os.environ["MATRIX_WRITE"], "w") as out:
            out.write("\n".join([*written, f"requests={requests}"]) + "\n")
    assert mismatches == [], "\n".join(mismatches)


def _check_row(route, name, key, row, values, clients, tokens, mismatches, written) -> int:
    """Request one row's URL as every kind of visitor; note what differs from the row. Returns the requests made."""
    requests = 0
    kwargs = {param: values.get(symbol, symbol) for param, symbol in row.kwargs.items()}
    if row.path:
        url = "/" + row.path
    elif name:
        url = reverse(name, kwargs=kwargs)
    else:  # the admin's unnamed "<object_id>/" pages, which send on to the change page
        url = "/" + route.replace("<path:object_id>", str(kwargs["object_id"]))
    if row.query:
        url = f"{url}?{row.query}"
    # A name of the world stands for its object; anything else (a list, a nested object) is sent as it is.
    data = {
        field: values.get(symbol, symbol) if isinstance(symbol, str) else symbol for field, symbol in row.data.items()
    }
    is_api = route.startswith("api/v1/")
    roles = API_ROLES if is_api else HTML_ROLES
    for method, expected in (("GET", row.get), ("POST", row.post)):
        if expected is None:
            continue
        seen = []
        for role in roles:
            if role.startswith("token_"):
                headers = {"HTTP_AUTHORIZATION": f"Token {tokens[role]}"}
                response = _request(clients["visitor"], method, url, headers, data)
            else:
                response = _request(clients[role], method, url, {}, data)
            requests += 1
            seen.append(outcome(response))
        expected_cells = expected.split()
        if seen != expected_cells:
            mismatches.append(f"{method} {url} ({key}): expected {' '.join(expected_cells)}, got {' '.join(seen)}")
        written.append(f"{method} {key} {row.kwargs or ''} -> {' '.join(seen)}")
    return requests
