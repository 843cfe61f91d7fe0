"""The practice library: curators, and records built and published through the real services."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from network.accounts.roles import Role
from practices import pledge_services, services, shadow_services
from practices.models import Collection, CollectionItem, Pledge, Practice, ShadowReport
from tests.cities.conftest import (  # noqa: F401
    GLASGOW,
    KAMPALA,
    _media_in_a_temporary_folder,
    draft,
    member_city,
    submitted,
)
from tests.conftest import _with_role


@pytest.fixture
def second_curator(db):
    """Another member of staff: the second person of the two-person rule."""
    return _with_role("secretariat_two", "staff2@network.example", Role.STAFF)


def record(**fields) -> dict:
    base = {
        "title": "Duty to intervene",
        "kind": "policy",
        "themes": ["use_of_force"],
        "summary": "Officers must stop a colleague who uses excessive force and report it.",
        "body": "A written **duty** for every officer.",
        "rating": "inconclusive",
        "study_count": 1,
        "study_design": "1 cross-sectional study",
        "single_study": True,
        "origin_country": "US",
        "origin_year": 2016,
    }
    return {**base, **fields}


@pytest.fixture
def publish(staff_member, second_curator):
    """Write a record as `staff_member`, send it to review, and publish it as `second_curator`."""

    def make(sources=None, related=None, **fields) -> Practice:
        practice = services.practice_create(
            actor=staff_member, sources=sources or [], related=related, **record(**fields)
        )
        services.practice_submit(actor=staff_member, practice=practice)
        return services.practice_publish(actor=second_curator, practice=practice)

    return make


@pytest.fixture
def collection_of():
    def make(slug: str, practices: list[Practice], title: str = "") -> Collection:
        collection = Collection.objects.create(slug=slug, title=title or slug)
        CollectionItem.objects.bulk_create(
            CollectionItem(collection=collection, practice=practice, position=index, label=practice.title[:20])
            for index, practice in enumerate(practices)
        )
        return collection

    return make


# The eight use-of-force policies of Campaign Zero's "8 Can't Wait", as the library's collection holds them.
EIGHT_CANT_WAIT = {
    "require-de-escalation": "Require de-escalation",
    "use-of-force-continuum": "Use-of-force continuum",
    "ban-chokeholds-and-strangleholds": "Ban chokeholds and strangleholds",
    "require-warning-before-shooting": "Require warning before shooting",
    "exhaust-alternatives-before-shooting": "Exhaust all alternatives before shooting",
    "duty-to-intervene": "Duty to intervene",
    "ban-shooting-at-moving-vehicles": "Ban shooting at moving vehicles",
    "require-comprehensive-reporting": "Require comprehensive reporting",
}


@pytest.fixture
def eight_cant_wait(publish, collection_of):
    practices = [publish(slug=slug, title=title) for slug, title in EIGHT_CANT_WAIT.items()]
    return collection_of("8-cant-wait", practices, title="8 Can't Wait")


# --- Pledges: Kampala (whose lead is `city_rep`) pledges; Glasgow is another member city ---------------------


@pytest.fixture
def kampala(member_city, city_rep):  # noqa: F811
    return member_city(city_rep, KAMPALA)


@pytest.fixture
def glasgow_rep(db):
    return _with_role("glasgow_lead", "lead@glasgow.example", Role.CITY_REPRESENTATIVE)


@pytest.fixture
def glasgow(member_city, glasgow_rep):  # noqa: F811
    return member_city(glasgow_rep, GLASGOW)


@pytest.fixture
def two_practices(publish):
    return [publish(slug="duty-to-intervene"), publish(slug="ban-chokeholds", title="Ban chokeholds")]


def in_a_year() -> date:
    return timezone.localdate() + timedelta(days=365)


@pytest.fixture
def pledge_of(kampala, city_rep):
    def make(practices=(), collection=None, target_date=None) -> Pledge:
        return pledge_services.pledge_create(
            actor=city_rep,
            city=kampala,
            target_date=target_date or in_a_year(),
            steps="1. Write the policy.\n2. Train officers.",
            practices=practices,
            collection=collection,
        )

    return make


# --- Shadow reports: an activist and a community organisation assess Kampala's published pledge -------------------


@pytest.fixture
def published_pledge(pledge_of, city_rep, staff_member, two_practices):
    pledge = pledge_of(two_practices)
    pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
    return pledge_services.pledge_publish(actor=staff_member, pledge=pledge)


@pytest.fixture
def activist(db):
    from tests.factories import UserFactory

    return UserFactory(
        handle="watchful_owl", email="owl@example.org", affiliation_kind="activist", affiliation="Kampala Police Watch"
    )


@pytest.fixture
def organisation(db):
    from tests.factories import UserFactory

    return UserFactory(
        handle="community_voice",
        email="voice@example.org",
        affiliation_kind="community_organisation",
        affiliation="Voices of Kawempe",
    )


EVIDENCE = [{"url": "https://example.org/minutes", "title": "Council minutes", "quote": "No training yet."}]


@pytest.fixture
def file_shadow(published_pledge):
    def make(author, *, pledge=None, pseudonymous=False, verdict="delayed", statement="Nothing **moved**.", **extra):
        return shadow_services.shadow_report_file(
            actor=author,
            pledge=pledge or published_pledge,
            verdict=verdict,
            statement=statement,
            evidence=extra.pop("evidence", EVIDENCE),
            language="en",
            pseudonymous=pseudonymous,
            **extra,
        )

    return make


# --- The accountability board: pledges of any city, and shadow reports as filing leaves them ------------------


def shadow(pledge, author, verdict, *, days_ago=0, hidden=False, statement="Our assessment."):
    """A shadow report as the filing service leaves it (filing is not this part's), in a transaction of its own as
    a service's would be."""
    with transaction.atomic():
        return ShadowReport.objects.create(
            pledge=pledge,
            author=author,
            signed_handle=author.handle,
            verdict=verdict,
            statement=statement,
            statement_html=f"<p>{statement}</p>",
            language="en",
            created_at=timezone.now() - timedelta(days=days_ago),
            hidden=hidden,
            hidden_at=timezone.now() if hidden else None,
            hidden_reason="Doxxing." if hidden else "",
        )


@pytest.fixture
def make_pledge(staff_member):
    def make(city, rep, practices, *, target_date=None, collection=None, publish=True, submit=True) -> Pledge:
        pledge = pledge_services.pledge_create(
            actor=rep,
            city=city,
            target_date=target_date or in_a_year(),
            steps="1. Write the policy.",
            practices=practices if collection is None else [],
            collection=collection,
        )
        if submit or publish:
            pledge = pledge_services.pledge_submit(actor=rep, pledge=pledge)
        if publish:
            pledge = pledge_services.pledge_publish(actor=staff_member, pledge=pledge)
        return pledge

    return make
