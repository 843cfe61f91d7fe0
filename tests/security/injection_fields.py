"""The fields people write in accounts, cities and the library, each written through its service, and the pages,
exports and API answers that show them. Registered in order: each writer runs after the ones above it."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError

from cities import services as cities
from cities.challenges import challenge_create, challenge_update
from cities.models import City
from cities.permissions import forget_representations
from exchanges import services as exchanges
from exchanges.funding import services as funding
from exchanges.models import CHECKLIST
from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import role_grant, role_revoke, user_update_profile
from network.accounts.system import SYSTEM
from network.forums import services as forums
from network.forums.models import Access, Forum
from practices import pledge_services as pledges
from practices import services as practices
from practices import shadow_services as shadows
from tests.exchanges.conftest import proposal_fields
from tests.factories import UserFactory
from tests.security.injection_corpus import FIELDS, Sink, field

SINKS = {
    sink.name: sink
    for sink in [
        Sink("home", "anonymous", lambda w: "/"),
        Sink("directory", "anonymous", lambda w: "/cities/"),
        Sink("city", "anonymous", lambda w: f"/cities/{w.city.slug}/"),
        Sink("suspended_city", "anonymous", lambda w: f"/cities/{w.suspended_city.slug}/"),
        Sink("library", "anonymous", lambda w: "/practices/"),
        Sink("library_search", "anonymous", lambda w: "/practices/?q=pwned"),
        Sink("practice", "anonymous", lambda w: f"/practices/{w.practice.slug}/"),
        Sink("practice_for_staff", "staff", lambda w: f"/practices/{w.practice.slug}/"),
        Sink("practice_in_french", "reader_fr", lambda w: f"/practices/{w.practice.slug}/"),
        Sink("practice_translation_form", "staff", lambda w: f"/staff/practices/{w.practice.slug}/translations/fr/"),
        Sink("adoption", "anonymous", lambda w: f"/practices/{w.practice.slug}/cities/{w.city.slug}/"),
        Sink("collection", "anonymous", lambda w: f"/practices/collections/{w.collection.slug}/"),
        Sink(
            "compare",
            "anonymous",
            lambda w: (
                f"/practices/collections/{w.collection.slug}/compare/?city={w.city.slug}&city={w.other_city.slug}"
            ),
        ),
        Sink("matrix_csv", "anonymous", lambda w: f"/practices/collections/{w.collection.slug}/matrix.csv", "download"),
        Sink("api_cities", "anonymous", lambda w: "/api/v1/cities/?format=json", "json"),
        Sink("api_city", "anonymous", lambda w: f"/api/v1/cities/{w.city.slug}/?format=json", "json"),
        Sink("api_city_browsable", "anonymous", lambda w: f"/api/v1/cities/{w.city.slug}/"),
        Sink("api_practices_search", "anonymous", lambda w: "/api/v1/practices/?q=pwned&format=json", "json"),
        Sink("api_practice", "anonymous", lambda w: f"/api/v1/practices/{w.practice.slug}/?format=json", "json"),
        Sink("api_practice_browsable", "anonymous", lambda w: f"/api/v1/practices/{w.practice.slug}/"),
        Sink("api_adoptions", "anonymous", lambda w: "/api/v1/adoptions/?format=json", "json"),
        Sink(
            "api_matrix", "anonymous", lambda w: f"/api/v1/collections/{w.collection.slug}/matrix/?format=json", "json"
        ),
        Sink("profile", "participant", lambda w: "/accounts/profile/"),
        Sink("my_data", "participant", lambda w: "/accounts/data/"),
        Sink("my_data_download", "participant", lambda w: "/accounts/data/download/", "download"),
        Sink("my_applications", "participant", lambda w: "/cities/applications/"),
        Sink("my_application", "participant", lambda w: f"/cities/applications/{w.application.pk}/"),
        Sink("my_application_form", "participant", lambda w: f"/cities/applications/{w.application.pk}/edit/"),
        Sink("my_suggestions", "participant", lambda w: "/practices/suggestions/"),
        Sink("my_notifications", "participant", lambda w: "/notifications/"),
        Sink("api_me", "participant", lambda w: "/api/v1/me/?format=json", "json"),
        Sink("api_my_applications", "participant", lambda w: "/api/v1/applications/mine/?format=json", "json"),
        Sink("api_my_notifications", "participant", lambda w: "/api/v1/notifications/?format=json", "json"),
        Sink("representatives", "lead", lambda w: f"/cities/{w.city.slug}/representatives/"),
        Sink("agency_form", "lead", lambda w: f"/cities/{w.city.slug}/agencies/{w.agency.pk}/edit/"),
        Sink("challenge", "anonymous", lambda w: f"/cities/{w.city.slug}/challenges/{w.challenge.pk}/"),
        Sink("challenge_form", "lead", lambda w: f"/cities/{w.city.slug}/challenges/{w.challenge.pk}/edit/"),
        Sink("api_challenge", "anonymous", lambda w: f"/api/v1/challenges/{w.challenge.pk}/?format=json", "json"),
        Sink(
            "api_city_challenges",
            "anonymous",
            lambda w: f"/api/v1/cities/{w.city.slug}/challenges/?format=json",
            "json",
        ),
        Sink(
            "adoption_form", "lead", lambda w: f"/practices/adoptions/{w.city.slug}/record/?practice={w.practice.slug}"
        ),
        Sink("lead_notifications", "lead", lambda w: "/notifications/"),
        Sink("staff_applications", "staff", lambda w: "/staff/cities/applications/?status=more_info_requested"),
        Sink("staff_application", "staff", lambda w: f"/staff/cities/applications/{w.application.pk}/"),
        Sink("staff_membership", "staff", lambda w: f"/staff/cities/{w.suspended_city.slug}/membership/"),
        Sink("staff_queue", "staff", lambda w: "/staff/practices/"),
        Sink("practice_form", "staff", lambda w: f"/staff/practices/{w.practice.slug}/edit/"),
        Sink("rating_form", "staff", lambda w: f"/staff/practices/{w.practice.slug}/rating/"),
        Sink("staff_suggestions", "staff", lambda w: "/staff/practices/suggestions/"),
        Sink("staff_suggestion", "staff", lambda w: f"/staff/practices/suggestions/{w.suggestion.pk}/"),
        Sink("staff_adoptions", "staff", lambda w: "/staff/practices/adoptions/"),
        Sink("staff_people", "staff", lambda w: "/staff/people/"),
        # Each filtered to its own actions: the fields written later in a round leave many rows of their own.
        Sink("staff_audit", "staff", lambda w: "/staff/audit/?action=accounts.role"),
        Sink("staff_audit_membership", "staff", lambda w: "/staff/audit/?action=cities.membership"),
        Sink("staff_deliveries", "staff", lambda w: "/staff/notifications/"),
        Sink("exchange_draft", "lead", lambda w: f"/exchanges/{w.exchange_draft.pk}/"),
        Sink("exchange_draft_form", "lead", lambda w: f"/exchanges/{w.exchange_draft.pk}/edit/"),
        Sink("exchange_mine", "lead", lambda w: "/exchanges/mine/"),
        Sink("api_exchange_draft", "lead", lambda w: f"/api/v1/proposals/{w.exchange_draft.pk}/?format=json", "json"),
        Sink("exchange_open", "anonymous", lambda w: f"/exchanges/{w.exchange_open.pk}/"),
        Sink("exchange_partner_staff", "staff", lambda w: f"/exchanges/partners/{w.exchange_partner.pk}/"),
        Sink("exchange_partner", "anonymous", lambda w: f"/exchanges/partners/{w.exchange_entered.pk}/"),
        Sink("exchange_partners_search", "anonymous", lambda w: "/exchanges/partners/?q=pwned"),
        Sink(
            "api_exchange_partner",
            "anonymous",
            lambda w: f"/api/v1/partners/{w.exchange_entered.pk}/?format=json",
            "json",
        ),
        Sink("staff_exchange_queue", "staff", lambda w: "/staff/exchanges/"),
        Sink("exchange_register", "anonymous", lambda w: "/exchanges/"),
        Sink("exchange_register_csv", "anonymous", lambda w: "/exchanges/register.csv", "download"),
        Sink("pledge_draft", "lead", lambda w: f"/practices/pledges/{w.pledge_draft.pk}/"),
        Sink("pledge_draft_form", "lead", lambda w: f"/practices/pledges/{w.pledge_draft.pk}/edit/"),
        Sink("api_pledge_draft", "lead", lambda w: f"/api/v1/pledges/{w.pledge_draft.pk}/?format=json", "json"),
        Sink("pledge_returned", "lead", lambda w: f"/practices/pledges/{w.pledge_returned.pk}/"),
        Sink("pledge_published", "anonymous", lambda w: f"/practices/pledges/{w.pledge_published.pk}/"),
        Sink(
            "api_pledge_published",
            "anonymous",
            lambda w: f"/api/v1/pledges/{w.pledge_published.pk}/?format=json",
            "json",
        ),
        Sink(
            "api_shadow_reports",
            "anonymous",
            lambda w: f"/api/v1/pledges/{w.pledge_published.pk}/shadow-reports/?format=json",
            "json",
        ),
        Sink("staff_shadow_reports", "staff", lambda w: "/staff/practices/shadow-reports/"),
        Sink("api_exchange_register", "anonymous", lambda w: "/api/v1/exchange-register/?format=json", "json"),
        Sink("exchange_rejected", "anonymous", lambda w: f"/exchanges/{w.exchange_rejected.pk}/"),
        Sink(
            "exchange_letter", "anonymous", lambda w: f"/exchanges/{w.exchange_rejected.pk}/letter/?lang=en", "download"
        ),
        Sink("staff_exchange_rejected", "staff", lambda w: f"/staff/exchanges/{w.exchange_rejected.pk}/"),
        Sink("exchange_completed", "lead", lambda w: f"/exchanges/{w.exchange_completed.pk}/"),
        Sink("exchange_withdrawn", "lead", lambda w: f"/exchanges/{w.exchange_withdrawn.pk}/"),
        Sink("exchange_reopened", "anonymous", lambda w: f"/exchanges/{w.exchange_reopened.pk}/"),
        Sink("funding_list", "anonymous", lambda w: "/exchanges/funding/"),
        Sink("funding", "anonymous", lambda w: f"/exchanges/funding/{w.funding.pk}/"),
        Sink("funding_form", "staff", lambda w: f"/staff/exchanges/funding/{w.funding.pk}/edit/"),
        Sink("api_funding", "anonymous", lambda w: f"/api/v1/funding/{w.funding.pk}/?format=json", "json"),
        Sink("api_funding_list", "anonymous", lambda w: "/api/v1/funding/?format=json", "json"),
        Sink("reviewer_dashboard", "reviewer", lambda w: "/staff/exchanges/reviews/"),
        Sink("exchange_review", "reviewer", lambda w: f"/staff/exchanges/{w.exchange_rejected.pk}/review/"),
        Sink("forum_index", "anonymous", lambda w: "/forums/"),
        Sink("forum", "anonymous", lambda w: f"/forums/{_forum_world(w).forum.slug}/"),
        Sink("forum_topic", "anonymous", lambda w: f"/forums/topics/{_forum_world(w).forum_topic.pk}/"),
        Sink("forum_topic_staff", "staff", lambda w: f"/forums/topics/{_forum_world(w).forum_topic.pk}/"),
        Sink("forum_history", "anonymous", lambda w: f"/forums/posts/{_forum_world(w).forum_reply.pk}/history/"),
        Sink(
            "forum_quote",
            "participant",
            lambda w: f"/forums/topics/{_forum_world(w).forum_topic.pk}/reply/?quote={w.forum_reply.pk}",
        ),
        Sink("forum_edit", "participant", lambda w: f"/forums/posts/{_forum_world(w).forum_reply.pk}/edit/"),
        Sink("forum_queue", "staff", lambda w: "/forums/moderation/"),
        Sink("forum_settings", "staff", lambda w: f"/forums/{_forum_world(w).forum.slug}/edit/"),
    ]
}


# --- Accounts --------------------------------------------------------------------------------------------------


@field("accounts.user.affiliation", capacity=200, sinks=("profile", "city", "api_me", "my_data_download"))
def _affiliation(world, value):
    for user in (world.participant, world.lead):
        user_update_profile(
            actor=user,
            user=user,
            handle=user.handle,
            affiliation_kind=user.affiliation_kind,
            affiliation=value,
            preferred_language="en",
        )
        user.refresh_from_db()


# --- Cities ----------------------------------------------------------------------------------------------------

APPLICATION_SINKS = ("my_application", "my_application_form", "staff_application", "api_my_applications")


def _application_field(name):
    def write(world, value):
        world.application = cities.application_update(
            actor=world.participant, application=world.application, **{name: value}
        )

    return write


for _name, _capacity, _sinks in [
    ("office_name", 200, (*APPLICATION_SINKS, "staff_applications", "my_data_download")),
    ("office_address", 5000, APPLICATION_SINKS),
    ("applicant_position", 200, APPLICATION_SINKS),
]:
    field(f"cities.application.{_name}", capacity=_capacity, sinks=_sinks)(_application_field(_name))

field("cities.application.office_website", capacity=300, sinks=("my_application_form", "staff_application"), urls=True)(
    _application_field("office_website")
)


@field(
    "cities.application.decision_reason",
    capacity=5000,
    sinks=("my_application", "staff_application", "api_my_applications"),
)
def _decision_reason(world, value):
    cities.application_submit(actor=world.participant, application=world.application)
    world.application = cities.application_request_info(actor=world.staff, application=world.application, reason=value)


def _agency_field(name):
    def write(world, value):
        world.agency = cities.agency_update(actor=world.lead, agency=world.agency, **{name: value})

    return write


for _name in ("name", "oversight_body"):
    field(f"cities.agency.{_name}", capacity=200, sinks=("city", "agency_form", "api_city", "api_city_browsable"))(
        _agency_field(_name)
    )


@field(
    "cities.challenge.description",
    capacity=4000,
    sinks=("challenge", "challenge_form", "api_challenge", "api_city_challenges"),
)
def _challenge_description(world, value):
    if getattr(world, "challenge", None) is None:
        world.challenge = challenge_create(actor=world.lead, city=world.city, kind="corruption", description=value)
    else:
        world.challenge = challenge_update(actor=world.lead, challenge=world.challenge, description=value)


# --- The library -----------------------------------------------------------------------------------------------

PRACTICE_SINKS = ("practice", "practice_form", "api_practice", "api_practice_browsable")


def _practice_field(name):
    def write(world, value):
        world.practice = practices.practice_update(actor=world.staff, practice=world.practice, **{name: value})

    return write


for _name, _capacity, _sinks in [
    (
        "title",
        200,
        (
            *PRACTICE_SINKS,
            "library",
            "library_search",
            "collection",
            "compare",
            "api_matrix",
            "staff_queue",
            "adoption",
            "city",
        ),
    ),
    ("summary", 600, (*PRACTICE_SINKS, "library", "library_search", "api_practices_search")),
    ("problem", 5000, PRACTICE_SINKS),
    ("population", 5000, PRACTICE_SINKS),
    ("origin_place", 200, PRACTICE_SINKS),
    ("body", 20000, PRACTICE_SINKS),
    ("emmie_effect", 5000, PRACTICE_SINKS),
    ("emmie_mechanism", 5000, PRACTICE_SINKS),
    ("emmie_moderators", 5000, PRACTICE_SINKS),
    ("emmie_implementation", 5000, PRACTICE_SINKS),
    ("emmie_economic_cost", 5000, PRACTICE_SINKS),
    ("transfer_legal_system", 5000, PRACTICE_SINKS),
]:
    field(f"practices.practice.{_name}", capacity=_capacity, sinks=_sinks)(_practice_field(_name))


def _translation_field(name):
    # One French translation of the record, holding the latest value of each of its fields.
    def write(world, value):
        values = world.pending["translation"]
        values[name] = value
        practices.practice_translation_save(
            actor=world.staff,
            practice=world.practice,
            language="fr",
            **{"title": "Titre", "summary": "Résumé.", **values},
        )

    return write


TRANSLATION_SINKS = ("practice_in_french", "practice_translation_form")
for _name, _capacity in [
    ("title", 200),
    ("summary", 600),
    ("problem", 5000),
    ("body", 20000),
    ("emmie_effect", 5000),
    ("emmie_mechanism", 5000),
    ("emmie_moderators", 5000),
    ("emmie_implementation", 5000),
    ("emmie_economic_cost", 5000),
]:
    field(f"practices.translation.{_name}", capacity=_capacity, sinks=TRANSLATION_SINKS)(_translation_field(_name))


def _source_field(name):
    def write(world, value):
        values = world.pending["source"]
        values[name] = value
        source = {"title": "Evaluation", "publisher": "", "year": 2020, "url": "", **values}
        world.practice = practices.practice_update(actor=world.staff, practice=world.practice, sources=[source])

    return write


for _name, _capacity, _urls in [("title", 300, False), ("publisher", 200, False), ("url", 500, True)]:
    field(f"practices.source.{_name}", capacity=_capacity, sinks=PRACTICE_SINKS, urls=_urls)(_source_field(_name))


def _rating_field(name):
    # A published record's rating changes by a proposal: withdrawn and proposed again with each new value.
    def write(world, value):
        values = world.pending["rating"]
        values[name] = value
        for proposal in world.practice.rating_proposals.filter(status="pending"):
            practices.rating_withdraw(actor=world.staff, proposal=proposal)
        practices.rating_propose(
            actor=world.staff,
            practice=world.practice,
            rating="promising",
            study_count=2,
            single_study=False,
            **{"study_design": "2 studies", "rationale": "More studies.", **values},
        )

    return write


# The proposed study design is shown nowhere until approved; the rationale waits on the record's page for staff.
field("practices.rating.study_design", capacity=300, sinks=())(_rating_field("study_design"))
field("practices.rating.rationale", capacity=5000, sinks=("practice_for_staff",))(_rating_field("rationale"))


def _adoption_field(name):
    def write(world, value):
        values = world.pending["adoption"]
        values[name] = value
        world.adoption = practices.adoption_record(
            actor=world.lead,
            city=world.city,
            practice=world.practice,
            status="adopted",
            **{"policy_text": "Policy.", "policy_url": "", **values},
        )

    return write


ADOPTION_SINKS = ("adoption", "compare", "adoption_form", "api_adoptions")
field("practices.adoption.policy_text", capacity=5000, sinks=ADOPTION_SINKS)(_adoption_field("policy_text"))
field("practices.adoption.policy_url", capacity=500, sinks=(*ADOPTION_SINKS, "city"), urls=True)(
    _adoption_field("policy_url")
)


def _suggestion_field(name):
    # Each new value makes a new suggestion, holding the latest value of each of the four fields.
    def write(world, value):
        values = world.pending["suggestion"]
        values[name] = value
        fields = {"title": "A practice", "summary": "What it is.", "where": "", "links": "", **values}
        world.suggestion = practices.suggestion_create(actor=world.participant, **fields)

    return write


for _name, _capacity in [("title", 200), ("summary", 2000), ("where", 200), ("links", 2000)]:
    field(
        f"practices.suggestion.{_name}",
        capacity=_capacity,
        sinks=("staff_suggestion", *(("my_suggestions", "staff_suggestions") if _name == "title" else ())),
    )(_suggestion_field(_name))


@field("practices.suggestion.reason", capacity=2000, sinks=("my_suggestions",))
def _suggestion_reason(world, value):
    suggestion = practices.suggestion_create(actor=world.participant, title="Declined", summary="What it is.")
    practices.suggestion_decline(actor=world.staff, suggestion=suggestion, reason=value)


# --- Exchange vetting --------------------------------------------------------------------------------------------


def _exchange_partner(world):
    if not hasattr(world, "exchange_partner"):
        world.exchange_partner = exchanges.partner_create(
            actor=world.staff, name="Partner police", country_code="CL", level="national"
        )
    return world.exchange_partner


def _exchange_draft(world):
    if not hasattr(world, "exchange_draft"):
        forget_representations(world.lead)  # read before the lead's city became a member
        city = City.objects.get(pk=world.city.pk)  # the world's copy predates the approval
        world.exchange_draft = exchanges.proposal_create(actor=world.lead, city=city, title="Draft")
    return world.exchange_draft


def _exchange_open(world):
    """A proposal in review, its comment window open."""
    if not hasattr(world, "exchange_open"):
        forget_representations(world.lead)
        proposal = exchanges.proposal_create(
            actor=world.lead,
            city=City.objects.get(pk=world.city.pk),
            partners=[_exchange_partner(world)],
            **proposal_fields(),
        )
        proposal = exchanges.proposal_submit(actor=world.lead, proposal=proposal)
        proposal = exchanges.proposal_screen(actor=world.staff, proposal=proposal)
        for handle in ("panel_one", "panel_two"):
            reviewer = UserFactory(handle=handle, email=f"{handle}@panel.example")
            reviewer = role_grant(actor=SYSTEM, user=reviewer, role=Role.REVIEWER, reason="Injection corpus")
            exchanges.reviewer_assign(actor=world.staff, proposal=proposal, reviewer=reviewer)
        world.exchange_open = exchanges.proposal_open_review(actor=world.staff, proposal=proposal)
    return world.exchange_open


def _proposal_field(name):
    def write(world, value):
        world.exchange_draft = exchanges.proposal_update(
            actor=world.lead, proposal=_exchange_draft(world), **{name: value}
        )

    return write


for _name, _capacity, _sinks in (
    ("title", 200, ("exchange_draft", "exchange_draft_form", "exchange_mine", "api_exchange_draft")),
    ("objectives", 5000, ("exchange_draft", "exchange_draft_form", "api_exchange_draft")),
    ("units", 300, ("exchange_draft", "exchange_draft_form", "api_exchange_draft")),
):
    field(f"exchanges.proposal.{_name}", capacity=_capacity, sinks=_sinks)(_proposal_field(_name))


def _finding_field(name):
    # Each value makes a new finding holding the latest value of each written field (a refused link keeps the one
    # before): the agency's page shows its newest 25 findings, and the newest must carry every field's value.
    def write(world, value):
        values = {**world.pending["finding"], name: value}
        fields = {
            "source_kind": "press",
            "publisher": "A newspaper",
            "title": "A report",
            "published_on": "2026-01-01",
            "categories": ["corruption"],
            "severity": "low",
            "credibility": "medium",
            "summary": "What it found.",
        }
        exchanges.finding_create(actor=world.staff, partner=_exchange_partner(world), **{**fields, **values})
        world.pending["finding"] = values

    return write


for _name, _capacity in (("publisher", 200), ("title", 300), ("summary", 3000)):
    field(f"exchanges.finding.{_name}", capacity=_capacity, sinks=("exchange_partner_staff",))(_finding_field(_name))
field("exchanges.finding.url", capacity=500, sinks=("exchange_partner_staff",), urls=True)(_finding_field("url"))


def _funding_field(name):
    # Staff keep the funding registry: each value makes a new opportunity holding the latest value of each written
    # field (a refused link keeps the one before), first in the list by its nearer deadline.
    def write(world, value):
        values = {**world.pending["funding"], name: value}
        world.funding_count = getattr(world, "funding_count", 0) + 1
        fields = {
            "funder_name": "A ministry",
            "funder_kind": "foreign_ministry",
            "title": "A call",
            "currency": "EUR",
            "eligibility": "Member cities.",
            "url": "https://ministry.example/call",
            **values,
        }
        world.funding = funding.funding_create(
            actor=world.staff, deadline=date(2030, 1, 1) - timedelta(days=world.funding_count), **fields
        )
        world.pending["funding"] = values

    return write


for _name, _capacity, _sinks in (
    ("funder_name", 200, ("funding_list", "funding", "funding_form", "api_funding", "api_funding_list")),
    ("title", 200, ("funding_list", "funding", "funding_form", "api_funding")),
    ("eligibility", 5000, ("funding", "funding_form", "api_funding")),
):
    field(f"exchanges.funding.{_name}", capacity=_capacity, sinks=_sinks)(_funding_field(_name))
field("exchanges.funding.url", capacity=500, sinks=("funding", "funding_form", "api_funding"), urls=True)(
    _funding_field("url")
)

# A name is unique within a country: each new agency of a round goes to the next country of this list.
PARTNER_COUNTRIES = [
    "AR", "BO", "BR", "CA", "CL", "CO", "CR", "DE", "DK", "EC", "EG", "ES", "FI", "FR", "GB", "GR", "GT",
    "HN", "HU", "ID", "IE", "IL", "IN", "IT", "JM", "JP", "KE", "KR", "MA", "MX", "NG", "NI", "NL", "NO",
    "NZ", "PA", "PE", "PH", "PK", "PL", "PT", "PY", "RO", "RS", "SE", "SV", "TR", "TZ", "UA", "US", "UY",
    "VE", "ZA",
]  # fmt: skip


def _partner_field(name):
    # A city's representative enters an agency for a proposal: each new value makes a new agency, holding the
    # latest value of each of its written fields, which staff then see awaiting their check.
    def write(world, value):
        values = world.pending["partner"]
        values[name] = value
        world.exchange_partner_count = getattr(world, "exchange_partner_count", 0) + 1
        fields = {"name": "Entered agency", "aliases": "", "city_name": "", **values}
        world.exchange_entered = exchanges.partner_create(
            actor=world.lead,
            country_code=PARTNER_COUNTRIES[world.exchange_partner_count % len(PARTNER_COUNTRIES)],
            level="municipal",
            **fields,
        )

    return write


for _name, _capacity, _sinks in (
    ("name", 200, ("exchange_partner", "exchange_partners_search", "api_exchange_partner", "staff_exchange_queue")),
    ("aliases", 500, ("exchange_partner", "api_exchange_partner")),
    ("city_name", 200, ("exchange_partner", "api_exchange_partner")),
):
    field(f"exchanges.partner.{_name}", capacity=_capacity, sinks=_sinks)(_partner_field(_name))


def _panel(world):
    """Two reviewers on the panel, acting in person as they would through their browser: the world's reviewer, who
    reads their own review on its page, and one more."""
    if not hasattr(world, "exchange_panel"):
        other = UserFactory(handle="panel_b", email="panel_b@panel.example")
        other = role_grant(actor=SYSTEM, user=other, role=Role.REVIEWER, reason="Injection corpus")
        world.exchange_panel = [world.reviewer, acting_at_the_console(other)]
    return world.exchange_panel


def _in_review(world, title: str):
    forget_representations(world.lead)
    proposal = exchanges.proposal_create(
        actor=world.lead,
        city=City.objects.get(pk=world.city.pk),
        partners=[_exchange_partner(world)],
        **proposal_fields(title=title),
    )
    proposal = exchanges.proposal_submit(actor=world.lead, proposal=proposal)
    proposal = exchanges.proposal_screen(actor=world.staff, proposal=proposal)
    for reviewer in _panel(world):
        exchanges.reviewer_assign(actor=world.staff, proposal=proposal, reviewer=reviewer)
    return exchanges.proposal_open_review(actor=world.staff, proposal=proposal)


def _rejection_field(name):
    # Each new value makes a new rejection: the reviewers disagree (so staff say why they side with one), and the
    # decision holds the latest value of each field.
    def write(world, value):
        values = world.pending["rejection"]
        values[name] = value
        proposal = _in_review(world, "Rejected")
        for reviewer, recommendation in zip(_panel(world), ("approve", "reject"), strict=True):
            checklist = {
                item: {"rating": 3, "rationale": values.get("review_rationale", "Weighed.")} for item in CHECKLIST
            }
            exchanges.review_submit(
                actor=reviewer, proposal=proposal, checklist=checklist, recommendation=recommendation
            )
        world.exchange_rejected = exchanges.proposal_decide(
            actor=world.staff,
            proposal=proposal,
            move="reject",
            rationale=values.get("rationale", "Weighed."),
            summary=values.get("summary", "Rejected."),
            letter_reasons=values.get("letter_reasons", "The curriculum."),
            override_reason=values.get("override_reason", "Siding with one reviewer."),
        )

    return write


for _name, _capacity, _sinks in (
    ("rationale", 10000, ("staff_exchange_rejected",)),
    ("summary", 2000, ("exchange_rejected", "exchange_register", "exchange_register_csv", "api_exchange_register")),
    ("letter_reasons", 5000, ("exchange_letter", "staff_exchange_rejected")),
    ("override_reason", 5000, ("staff_exchange_rejected",)),
    # Staff's page folds each checklist away (<details>): the reviewer's own page shows it.
    ("review_rationale", 3000, ("exchange_review",)),
):
    field(f"exchanges.decision.{_name}", capacity=_capacity, sinks=_sinks)(_rejection_field(_name))


def _approval_field(name):
    # Each new value makes a new approval with a condition, and the city files its report after the exchange.
    def write(world, value):
        values = world.pending["approval"]
        values[name] = value
        proposal = _in_review(world, "Approved")
        for reviewer in _panel(world):
            exchanges.review_submit(
                actor=reviewer,
                proposal=proposal,
                checklist={item: {"rating": 4, "rationale": "Weighed."} for item in CHECKLIST},
                recommendation="approve_with_conditions",
            )
        condition = {"measure": values.get("measure", "An observer."), "owner": values.get("owner", "The unit")}
        proposal = exchanges.proposal_decide(
            actor=world.staff,
            proposal=proposal,
            move="approve_with_conditions",
            rationale="Weighed.",
            summary="Approved.",
            conditions=[{**condition, "due_on": date(2030, 1, 1)}],
        )
        world.exchange_completed = exchanges.proposal_complete(
            actor=world.lead, proposal=proposal, report=values.get("report", "It went well.")
        )

    return write


for _name, _capacity, _sinks in (
    ("measure", 500, ("exchange_register", "exchange_completed", "exchange_register_csv", "api_exchange_register")),
    ("owner", 200, ("exchange_register", "exchange_completed", "api_exchange_register")),
    ("report", 20000, ("exchange_completed",)),
):
    field(f"exchanges.{'report' if _name == 'report' else 'condition'}.{_name}", capacity=_capacity, sinks=_sinks)(
        _approval_field(_name)
    )


@field("exchanges.withdrawal.reason", capacity=2000, sinks=("exchange_withdrawn",))
def _withdrawal_reason(world, value):
    draft = exchanges.proposal_create(actor=world.lead, city=City.objects.get(pk=world.city.pk), title="Withdrawn")
    world.exchange_withdrawn = exchanges.proposal_withdraw(actor=world.lead, proposal=draft, reason=value)


@field("exchanges.reopening.reason", capacity=2000, sinks=("exchange_reopened",))
def _reopening_reason(world, value):
    proposal = _in_review(world, "Reopened")
    world.exchange_reopened = exchanges.proposal_reopen(actor=world.staff, proposal=proposal, reason=value)


@field("exchanges.conflict.reason", capacity=300, sinks=("reviewer_dashboard",))
def _conflict_reason(world, value):
    exchanges.conflict_declare(actor=world.reviewer, reason=value, city=world.other_city)


@field("exchanges.comment.body", capacity=5000, sinks=("exchange_open",))
def _comment_body(world, value):
    exchanges.comment_create(actor=world.participant, proposal=_exchange_open(world), body=value)


# --- Forums -------------------------------------------------------------------------------------------------------


def _forum_world(world):
    """A public forum with a topic by the participant (past a new account's first day), their reply, a post to
    hide and a post to report (by someone else)."""
    if not hasattr(world, "forum"):
        from datetime import timedelta

        from django.utils import timezone

        world.participant.date_joined = timezone.now() - timedelta(days=30)
        world.participant.save(update_fields=["date_joined"])
        world.forum = forums.forum_create(actor=SYSTEM, slug="injection", name="Injection", access=Access.PUBLIC)
        world.forum_topic = forums.topic_start(
            actor=world.participant, forum=world.forum, title="A topic", body="Opening words", limits=False
        )
        world.forum_reply = forums.post_reply(
            actor=world.participant, topic=world.forum_topic, body="A reply", limits=False
        )
        world.forum_hidden = forums.post_reply(
            actor=world.outsider, topic=world.forum_topic, body="To hide", limits=False
        )
        world.forum_reported = forums.post_reply(
            actor=world.outsider, topic=world.forum_topic, body="To report", limits=False
        )
        world.forum_reporters = 0
    return world


@field("forums.topic.title", capacity=200, sinks=("forum", "forum_topic", "forum_quote", "forum_queue"))
def _forum_topic_title(world, value):
    world = _forum_world(world)
    opening = world.forum_topic.posts.get(number=1)
    forums.post_edit(actor=world.participant, post=opening, body=opening.body, title=value)


@field("forums.post.body", capacity=20000, sinks=("forum_topic", "forum_history", "forum_quote", "forum_edit"))
def _forum_post_body(world, value):
    world = _forum_world(world)
    world.forum_reply = forums.post_edit(actor=world.participant, post=world.forum_reply, body=value)


@field("forums.forum.name", capacity=120, sinks=("forum_index",))
def _forum_name(world, value):
    _forum_world(world)
    forums.forum_create(actor=world.staff, slug=f"named-{Forum.objects.count()}", name=value)


@field("forums.forum.description", capacity=5000, sinks=("forum_index",))
def _forum_description(world, value):
    _forum_world(world)
    forums.forum_create(
        actor=world.staff, slug=f"described-{Forum.objects.count()}", name="Described", description=value
    )


def _forum_setting(name):
    def write(world, value):
        world = _forum_world(world)
        forum = world.forum
        values = {"name": forum.name, "description": forum.description, name: value}
        world.forum = forums.forum_update(actor=world.staff, forum=forum, access=forum.access, **values)

    return write


field("forums.forum_settings.name", capacity=120, sinks=("forum_index", "forum", "forum_settings"))(
    _forum_setting("name")
)
field("forums.forum_settings.description", capacity=5000, sinks=("forum_index", "forum", "forum_settings"))(
    _forum_setting("description")
)


@field("forums.report.note", capacity=2000, sinks=("forum_queue",))
def _forum_report_note(world, value):
    world = _forum_world(world)
    world.forum_reporters += 1
    reporter = UserFactory(handle=f"reporter_{world.forum_reporters}", email=f"r{world.forum_reporters}@example.org")
    forums.post_report(actor=reporter, post=world.forum_reported, reason="other", note=value)


@field("forums.post.hidden_reason", capacity=500, sinks=("forum_topic_staff",))
def _forum_hidden_reason(world, value):
    world = _forum_world(world)
    world.forum_hidden.refresh_from_db()
    if world.forum_hidden.hidden:
        forums.post_restore(actor=world.staff, post=world.forum_hidden, reason="Restored")
    forums.post_hide(actor=world.staff, post=world.forum_hidden, reason=value)


@field("forums.sanction.reason", capacity=500, sinks=("my_notifications",))
def _forum_sanction_reason(world, value):
    world = _forum_world(world)
    forums.member_warn(actor=world.staff, user=world.participant, forum=world.forum, reason=value)


# --- Last, so that their audit rows are the newest ---------------------------------------------------------------


@field(
    "cities.membership.suspension_reason",
    capacity=5000,
    sinks=("staff_membership", "staff_audit_membership"),
)
def _suspension_reason(world, value):
    if world.suspended_city.membership_status == "suspended":
        cities.membership_reinstate(actor=world.staff, city=world.suspended_city, reason=value)
    world.suspended_city = cities.membership_suspend(actor=world.staff, city=world.suspended_city, reason=value)


@field("accounts.role.reason", capacity=2000, sinks=("staff_audit",))
def _role_reason(world, value):
    role_grant(actor=world.staff, user=world.outsider, role=Role.CITY_REPRESENTATIVE, reason=value)
    role_revoke(actor=world.staff, user=world.outsider, role=Role.CITY_REPRESENTATIVE, reason=value)


__all__ = ["FIELDS", "SINKS"]


# Pledges, last: their markers come after every other field's, so adding them moved no other field's.
def _pledge(world, attribute: str, *, submit=False, publish=False):
    """One of the lead's pledges for Kampala, made once."""
    if not hasattr(world, attribute):
        forget_representations(world.lead)
        pledge = pledges.pledge_create(
            actor=world.lead,
            city=City.objects.get(pk=world.city.pk),
            target_date=date.today() + timedelta(days=365),
            steps="Write the policy.",
            practices=[world.practice],
        )
        if submit or publish:
            pledge = pledges.pledge_submit(actor=world.lead, pledge=pledge)
        if publish:
            pledge = pledges.pledge_publish(actor=world.staff, pledge=pledge)
        setattr(world, attribute, pledge)
    return getattr(world, attribute)


@field("practices.pledge.steps", capacity=10000, sinks=("pledge_draft", "pledge_draft_form", "api_pledge_draft"))
def _pledge_steps(world, value):
    pledge = _pledge(world, "pledge_draft")
    world.pledge_draft = pledges.pledge_update(
        actor=world.lead, pledge=pledge, target_date=pledge.target_date, steps=value, practices=[world.practice]
    )


@field("practices.pledge.reason", capacity=2000, sinks=("pledge_returned",))
def _pledge_reason(world, value):
    # Staff send the pledge back with each new reason; the city submits it again for the next one.
    pledge = _pledge(world, "pledge_returned", submit=True)
    if pledge.status == "draft":
        pledge = pledges.pledge_submit(actor=world.lead, pledge=pledge)
    world.pledge_returned = pledges.pledge_return(actor=world.staff, pledge=pledge, reason=value)


@field("practices.pledge_report.text", capacity=10000, sinks=("pledge_published", "api_pledge_published"))
def _pledge_report_text(world, value):
    pledge = _pledge(world, "pledge_published", publish=True)
    pledges.pledge_report_create(
        actor=world.lead,
        pledge=pledge,
        reported_on=date.today(),
        text=value,
        statuses={item.pk: "considering" for item in pledge.items.all()},
    )


# Shadow reports on the published pledge (whose page shows the newest first, a page at a time): each value is filed
# in a new report by a new activist (one report per author and pledge a day), holding the latest value of each
# field and answered with the latest answer, so the newest report shows them all.
SHADOW_SINKS = ("pledge_published", "api_shadow_reports")


def _shadow_report(world, name: str = "", value: str = ""):
    values = getattr(world, "shadow_values", None)
    if values is None:
        values = world.shadow_values = {"statement": "What we found.", "title": "", "quote": "Quoted.", "url": ""}
    before = dict(values)
    if name:
        values[name] = value
    world.shadow_authors = getattr(world, "shadow_authors", 0) + 1
    author = UserFactory(
        handle=f"shadow_author_{world.shadow_authors}",
        email=f"shadow{world.shadow_authors}@example.org",
        affiliation_kind="activist",
    )
    try:
        report = shadows.shadow_report_file(
            actor=author,
            pledge=_pledge(world, "pledge_published", publish=True),
            verdict="delayed",
            statement=values["statement"],
            evidence=[{key: values[key] for key in ("url", "title", "quote")}],
            language="en",
        )
    except ValidationError:
        world.shadow_values = before  # a refused link keeps the one before
        raise
    answer = getattr(world, "shadow_answer", "")
    if answer:
        forget_representations(world.lead)
        shadows.shadow_answer_create(actor=world.lead, report=report, text=answer)
    return report


def _shadow_field(name):
    def write(world, value):
        _shadow_report(world, name, value)

    return write


field("practices.shadow_report.statement", capacity=10000, sinks=SHADOW_SINKS)(_shadow_field("statement"))
field("practices.shadow_evidence.title", capacity=200, sinks=SHADOW_SINKS)(_shadow_field("title"))
field("practices.shadow_evidence.quote", capacity=2000, sinks=SHADOW_SINKS)(_shadow_field("quote"))
field("practices.shadow_evidence.url", capacity=500, sinks=SHADOW_SINKS, urls=True)(_shadow_field("url"))


@field("practices.shadow_answer.text", capacity=5000, sinks=SHADOW_SINKS)
def _shadow_answer_text(world, value):
    world.shadow_answer = value
    _shadow_report(world)


@field("practices.shadow_flag.note", capacity=2000, sinks=("staff_shadow_reports",))
def _shadow_flag_note(world, value):
    shadows.shadow_report_flag(actor=world.participant, report=_shadow_report(world), reason="other", note=value)


@field("practices.shadow_report.hidden_reason", capacity=500, sinks=("staff_shadow_reports",))
def _shadow_hidden_reason(world, value):
    shadows.shadow_report_hide(actor=world.staff, report=_shadow_report(world), reason=value)
