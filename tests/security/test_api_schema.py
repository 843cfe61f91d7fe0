"""schemathesis against /api/schema/, in-process through the WSGI application: for every operation, as a visitor,
a participant, a city representative, a reviewer and staff (sessions that passed the second factor) and with an
API token, valid and invalid requests get no server error, no answer the schema does not document, and no body
that breaks the schema."""

import time

import pytest
import schemathesis
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cities.models import MembershipApplication
from network.accounts.services import api_token_rotate
from network.wsgi import application
from practices.models import Adoption, AdoptionStatus
from tests.cities.conftest import KINSHASA

# Examples per operation, role and kind (valid, invalid) and per real object in its path: the suite's size in CI.
EXAMPLES = 3
EXAMPLES_PER_OBJECT = 1
# Bodies that name other objects by slug: a well-formed slug of no object is a 400 with a field error, which no
# schema can tell apart from an existing one; every other check still runs on them.
NAMES_OTHER_OBJECTS = {"POST /api/v1/adoptions/"}
CSRF = "suiteCsrfSecretSuiteCsrfSecret32"
FIGURES = {"requests": 0, "operations": set()}
STATUSES = {}


@pytest.fixture
def network_data(city_rep, participant, staff_member, publish, collection_of, member_city, submitted):
    """A member city with its representative, published practices in a collection, an adoption record, a
    notification and a pending application: real objects for the operations' path parameters."""
    city = member_city(city_rep)
    practices = [publish(slug=f"practice-{n}", title=f"Practice {n}") for n in range(3)]
    collection = collection_of("8-cant-wait", practices, title="8 Can't Wait")
    Adoption.objects.create(city=city, practice=practices[0], status=AdoptionStatus.ADOPTED)
    pending = submitted(participant, KINSHASA)
    return {
        "slug": [city.slug, practices[0].slug, collection.slug],
        "id": [pending.pk, *MembershipApplication.objects.values_list("pk", flat=True)],
    }


def _session(client) -> dict:
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF},
        "headers": {"X-CSRFToken": CSRF},
    }


@pytest.fixture
def role_sessions(
    client_factory, network_data, participant, city_rep, reviewer, staff_member, login_with_second_factor
):
    sessions = {"visitor": {}}
    for name, user in [("participant", participant), ("city_rep", city_rep)]:
        client = client_factory()
        client.force_login(user)
        sessions[name] = _session(client)
    for name, user in [("reviewer", reviewer), ("staff", staff_member)]:
        client = client_factory()
        login_with_second_factor(user, client=client)
        sessions[name] = _session(client)
    _token, key = api_token_rotate(actor=city_rep)
    sessions["token"] = {"headers": {"Authorization": f"Token {key}"}}
    return sessions


@pytest.fixture
def in_process_wsgi():
    """Requests through the WSGI application keep this test's database connection (and its transaction), as
    Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def _run(role, operation, strategy_mode, strategy, session, checks, examples) -> int:
    sent = 0

    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        nonlocal sent
        cache.clear()  # rate limits are tested apart; here every request must reach its view
        sent += 1
        excluded = [positive_data_acceptance] if operation.label in NAMES_OTHER_OBJECTS else []
        response = case.call_and_validate(checks=checks, excluded_checks=excluded, **session)
        STATUSES[(role, case.method, response.status_code)] = (
            STATUSES.get((role, case.method, response.status_code), 0) + 1
        )

    try:
        check()
    except Unsatisfiable:
        # No invalid request exists for an operation without parameters or body.
        assert strategy_mode is GenerationMode.NEGATIVE, operation.label
    return sent


@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says_for_every_role(
    role_sessions, network_data, monkeypatch, in_process_wsgi
):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})
    call_command("createcachetable", verbosity=0)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", in_process_wsgi)
    load_all_checks()
    checks = CHECKS.get_all()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19
    started = time.monotonic()
    for role, session in role_sessions.items():
        for operation in operations:
            FIGURES["operations"].add(operation.label)
            strategies = [(mode, operation.as_strategy(mode), EXAMPLES) for mode in GenerationMode]
            names = [parameter.name for parameter in operation.path_parameters]
            if names:
                for value in network_data[names[0]]:
                    strategies.append(
                        (
                            GenerationMode.POSITIVE,
                            operation.as_strategy(GenerationMode.POSITIVE, path_parameters={names[0]: value}),
                            EXAMPLES_PER_OBJECT,
                        )
                    )
            for mode, strategy, examples in strategies:
                FIGURES["requests"] += _run(role, operation, mode, strategy, session, checks, examples)
    print(sorted(STATUSES.items()))
    print(
        f"\nschemathesis: {FIGURES['requests']} requests, {len(FIGURES['operations'])} operations, "
        f"{len(role_sessions)} roles, {time.monotonic() - started:.0f} s"
    )
