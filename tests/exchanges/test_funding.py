"""The funding registry: staff keep the opportunities (audited, second factor, never a token), a proposal names the
one that funds it within its range, the register totals what each funder and each kind of funder paid for, and
followers hear of a deadline 14 and 3 days before it, once each."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from exchanges import api as exchanges_api
from exchanges import services
from exchanges.errors import MoveNotAllowed, NotYourMove
from exchanges.funding import api as funding_api
from exchanges.funding import services as funding_services
from exchanges.models import FundingOpportunity, FundingStatus, Proposal
from exchanges.selectors import register, register_totals
from network.accounts.services import api_token_rotate
from network.audit.models import AuditEntry
from network.notifications.models import Event, Follow
from tests.exchanges.conftest import proposal_fields

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unthrottled(monkeypatch):
    for view in (funding_api.FundingListApi, funding_api.FundingDetailApi, exchanges_api.RegisterApi):
        monkeypatch.setattr(view, "throttle_classes", [])


def opportunity_fields(**fields) -> dict:
    base = {
        "funder_name": "Ministry of Foreign Affairs",
        "funder_kind": "foreign_ministry",
        "title": "Police reform exchanges",
        "currency": "EUR",
        "amount_min": Decimal("5000"),
        "amount_max": Decimal("50000"),
        "deadline": date.today() + timedelta(days=60),
        "eligibility": "Member cities with a civilian oversight body.",
        "url": "https://ministry.example/calls/police-reform",
    }
    return {**base, **fields}


@pytest.fixture
def make_opportunity(staff_member):
    def make(**fields) -> FundingOpportunity:
        return funding_services.funding_create(actor=staff_member, **opportunity_fields(**fields))

    return make


@pytest.fixture
def opportunity(make_opportunity):
    return make_opportunity()


def _token_client(user) -> APIClient:
    _token, key = api_token_rotate(actor=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


# --- Keeping the registry -------------------------------------------------------------------------------------


def test_it_lets_staff_add_edit_and_archive_an_opportunity_with_an_audit_row_each(opportunity, staff_member):
    assert opportunity.status == FundingStatus.OPEN and opportunity.created_by == staff_member
    funding_services.funding_update(actor=staff_member, opportunity=opportunity, amount_max=Decimal("60000"))
    funding_services.funding_archive(actor=staff_member, opportunity=opportunity)
    actions = list(
        AuditEntry.objects.filter(target_id=str(opportunity.pk), target_type="exchanges.fundingopportunity")
        .order_by("pk")
        .values_list("action", "before", "after")
    )
    assert [action for action, _b, _a in actions] == [
        "exchanges.funding.create",
        "exchanges.funding.update",
        "exchanges.funding.archive",
    ]
    assert actions[1][1:] == ({"amount_max": "50000.00"}, {"amount_max": "60000"})
    assert actions[2][1:] == ({"status": "open"}, {"status": "archived"})


@pytest.mark.parametrize("who", ["participant", "city_rep", "reviewer"])
def test_it_refuses_everyone_but_staff(who, request, opportunity):
    person = request.getfixturevalue(who)
    with pytest.raises(NotYourMove):
        funding_services.funding_create(actor=person, **opportunity_fields())
    with pytest.raises(NotYourMove):
        funding_services.funding_update(actor=person, opportunity=opportunity, title="Taken over")
    with pytest.raises(NotYourMove):
        funding_services.funding_archive(actor=person, opportunity=opportunity)
    assert FundingOpportunity.objects.get().title == "Police reform exchanges"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount_min": Decimal("9000"), "amount_max": Decimal("1000")}, "amount_max"),
        ({"amount_min": Decimal("-1")}, "amount_min"),
        ({"url": "ftp://ministry.example/call"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"currency": "E1"}, "currency"),
        ({"currency": "EURO"}, "currency"),
        ({"funder_kind": "bank"}, "funder_kind"),
        ({"funder_name": ""}, "funder_name"),
        ({"status": "archived"}, "status"),
    ],
)
def test_it_refuses_bad_input_field_by_field(fields, field, staff_member):
    with pytest.raises(ValidationError) as raised:
        funding_services.funding_create(actor=staff_member, **opportunity_fields(**fields))
    assert field in raised.value.message_dict
    assert not FundingOpportunity.objects.exists()


def test_it_keeps_an_archived_opportunity_as_it_was(opportunity, staff_member):
    funding_services.funding_archive(actor=staff_member, opportunity=opportunity)
    with pytest.raises(MoveNotAllowed):
        funding_services.funding_update(actor=staff_member, opportunity=opportunity, title="Changed")
    with pytest.raises(MoveNotAllowed):
        funding_services.funding_archive(actor=staff_member, opportunity=opportunity)


def test_an_addition_whose_audit_row_fails_leaves_nothing(staff_member, monkeypatch):
    def fail(**_kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(funding_services, "audit_record", fail)
    with pytest.raises(RuntimeError):
        funding_services.funding_create(actor=staff_member, **opportunity_fields())
    assert not FundingOpportunity.objects.exists()


# --- A proposal names its funding ----------------------------------------------------------------------------


def test_a_proposal_names_its_funding_within_the_range(make_proposal, opportunity, city_rep):
    proposal = make_proposal(funding=opportunity, funding_amount=Decimal("12000"))
    assert (proposal.funding, proposal.funding_amount) == (opportunity, Decimal("12000"))
    for amount, message in ((Decimal("100"), "at least 5000.00 EUR"), (Decimal("99999"), "at most 50000.00 EUR")):
        with pytest.raises(ValidationError) as raised:
            services.proposal_update(actor=city_rep, proposal=proposal, funding_amount=amount)
        assert message in raised.value.message_dict["funding_amount"][0]
    with pytest.raises(ValidationError) as raised:
        services.proposal_update(actor=city_rep, proposal=proposal, funding=None, funding_amount=Decimal("9000"))
    assert "funding_amount" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        services.proposal_update(actor=city_rep, proposal=proposal, funding_amount=None)
    assert "funding_amount" in raised.value.message_dict
    assert Proposal.objects.get(pk=proposal.pk).funding_amount == Decimal("12000")


def test_a_closed_opportunity_cannot_be_newly_named_but_stays_on_the_drafts_that_named_it(
    make_proposal, opportunity, make_opportunity, staff_member, city_rep
):
    proposal = make_proposal(funding=opportunity, funding_amount=Decimal("12000"))
    funding_services.funding_update(actor=staff_member, opportunity=opportunity, status=FundingStatus.CLOSED)
    services.proposal_update(actor=city_rep, proposal=proposal, funding_amount=Decimal("13000"))
    with pytest.raises(ValidationError) as raised:
        make_proposal(funding=opportunity, funding_amount=Decimal("12000"))
    assert "funding" in raised.value.message_dict


def test_the_funding_is_fixed_once_the_proposal_is_submitted(make_proposal, opportunity, city_rep):
    proposal = make_proposal("submitted", funding=opportunity, funding_amount=Decimal("12000"))
    with pytest.raises(MoveNotAllowed):
        services.proposal_update(actor=city_rep, proposal=proposal, funding=None, funding_amount=None)


def test_the_edit_form_offers_open_opportunities_and_keeps_what_was_typed(
    client, make_proposal, opportunity, make_opportunity, staff_member, city_rep, login_with_second_factor
):
    closed = make_opportunity(funder_name="Closed Foundation", funder_kind="philanthropy")
    funding_services.funding_update(actor=staff_member, opportunity=closed, status=FundingStatus.CLOSED)
    proposal = make_proposal()
    client.force_login(city_rep)
    page = client.get(reverse("exchanges:edit", args=[proposal.pk])).content.decode()
    assert "Ministry of Foreign Affairs" in page and "Closed Foundation" not in page
    data = {**proposal_fields(), "topics": ["crisis_intervention"], "partners": [], "practices": []}
    data.update({"funding": opportunity.pk, "funding_amount": "70000", "title": "Typed title"})
    response = client.post(reverse("exchanges:edit", args=[proposal.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "at most 50000.00 EUR" in body and "Typed title" in body and 'value="70000"' in body
    data["funding_amount"] = "20000"
    response = client.post(reverse("exchanges:edit", args=[proposal.pk]), data)
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).funding_amount == Decimal("20000")


# --- The register's totals -----------------------------------------------------------------------------------


def test_the_register_totals_what_each_funder_and_each_kind_paid_for(
    make_proposal, make_opportunity, partner, clean_partner, staff_member
):
    ministry = make_opportunity()
    embassy = make_opportunity(
        funder_name="Embassy of Norway", funder_kind="embassy", currency="NOK", amount_min=None, amount_max=None
    )
    second_call = make_opportunity(title="A second call", amount_max=Decimal("90000"))
    # Two partners in one exchange: counted once.
    make_proposal("approved", partners=[partner, clean_partner], funding=ministry, funding_amount=Decimal("10000"))
    make_proposal("completed", funding=second_call, funding_amount=Decimal("20000"))
    make_proposal("approved_with_conditions", recommendations=("approve_with_conditions",) * 2,
                  funding=embassy, funding_amount=Decimal("300000"))  # fmt: skip
    # Not funded: the exchange was rejected.
    make_proposal("rejected", recommendations=("reject", "reject"), funding=ministry, funding_amount=Decimal("7000"))
    # Who pays is withheld: left out.
    withheld = make_proposal("recommended", funding=ministry, funding_amount=Decimal("8000"))
    services.proposal_decide(
        actor=staff_member, proposal=withheld, move="approve", rationale="Fine.", sensitive_fields=["cost"]
    )
    totals = register_totals(register())
    assert totals["by_funder"] == [
        {"funder": "Embassy of Norway", "currency": "NOK", "amount": Decimal("300000"), "exchanges": 1},
        {"funder": "Ministry of Foreign Affairs", "currency": "EUR", "amount": Decimal("30000"), "exchanges": 2},
    ]
    assert [(e["kind"], e["currency"], e["amount"], e["exchanges"]) for e in totals["by_funder_kind"]] == [
        ("embassy", "NOK", Decimal("300000"), 1),
        ("foreign_ministry", "EUR", Decimal("30000"), 2),
    ]
    by_country = register_totals(register(filters={"country": "CL"}))
    assert by_country["by_funder"] == [
        {"funder": "Ministry of Foreign Affairs", "currency": "EUR", "amount": Decimal("10000"), "exchanges": 1}
    ]


def test_the_register_page_and_api_show_the_funding_totals(client, make_proposal, opportunity):
    make_proposal("approved", funding=opportunity, funding_amount=Decimal("10000"), title="Funded visit")
    body = client.get(reverse("exchanges:register")).content.decode()
    assert "Funded by funder" in body and "Ministry of Foreign Affairs: 10000.00 EUR" in body
    data = APIClient().get("/api/v1/exchange-register/").json()
    assert data["totals"]["by_funder"] == [
        {"funder": "Ministry of Foreign Affairs", "currency": "EUR", "amount": "10000.00", "exchanges": 1}
    ]
    assert data["results"][0]["funding"]["funder"] == "Ministry of Foreign Affairs"


# --- Pages ---------------------------------------------------------------------------------------------------


def test_the_list_filters_by_kind_status_and_deadline_in_a_fixed_number_of_queries(
    client, make_opportunity, staff_member, django_assert_num_queries
):
    today = date.today()
    make_opportunity(title="Soon", deadline=today + timedelta(days=10))
    make_opportunity(title="Later", deadline=today + timedelta(days=90))
    make_opportunity(title="Foundation call", funder_kind="philanthropy", funder_name="Open Society")
    archived = make_opportunity(title="Old call")
    funding_services.funding_archive(actor=staff_member, opportunity=archived)
    with django_assert_num_queries(2):  # the count, the page
        body = client.get(reverse("exchanges:funding_list")).content.decode()
    assert body.index("Soon") < body.index("Later") and "Foundation call" in body and "Old call" not in body
    body = client.get(reverse("exchanges:funding_list"), {"funder_kind": "philanthropy"}).content.decode()
    assert "Foundation call" in body and "Soon" not in body
    body = client.get(reverse("exchanges:funding_list"), {"status": "archived"}).content.decode()
    assert "Old call" in body and "Soon" not in body
    window = {"deadline_before": (today + timedelta(days=30)).isoformat()}
    body = client.get(reverse("exchanges:funding_list"), window).content.decode()
    assert "Soon" in body and "Later" not in body
    response = client.get(reverse("exchanges:funding_list"), {"deadline_before": "next week", "funder_kind": "x"})
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()


def test_an_opportunitys_page_lists_the_exchanges_it_funded_in_a_fixed_number_of_queries(
    client, make_proposal, opportunity, django_assert_num_queries
):
    for title in ("One", "Two", "Three"):
        make_proposal("approved", title=f"Funded {title}", funding=opportunity, funding_amount=Decimal("6000"))
    make_proposal("approved", title="Paid by the city")
    # opportunity, follower count, page count, page, partners, conditions, totals
    with django_assert_num_queries(7):
        response = client.get(reverse("exchanges:funding", args=[opportunity.pk]))
    body = response.content.decode()
    assert body.count("Funded ") >= 3 and "Paid by the city" not in body
    assert "Ministry of Foreign Affairs: 18000.00 EUR" in body
    assert client.get(reverse("exchanges:funding", args=[999999])).status_code == 404


def test_staff_add_an_opportunity_through_the_form(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    url = reverse("exchanges_staff:funding_create")
    data = {**opportunity_fields(), "status": "open", "url": "ftp://ministry.example/call", "title": "Typed"}
    response = client.post(url, data)
    assert response.status_code == 400 and 'value="Typed"' in response.content.decode()
    data["url"] = "https://ministry.example/call"
    response = client.post(url, data)
    opportunity = FundingOpportunity.objects.get()
    assert response.status_code == 302 and response.url == opportunity.get_absolute_url()


def test_staff_edit_and_archive_through_the_pages(client, opportunity, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    edit = reverse("exchanges_staff:funding_edit", args=[opportunity.pk])
    data = {**opportunity_fields(), "status": "closed", "amount_max": "100"}
    assert client.post(edit, data).status_code == 400
    data["amount_max"] = "80000"
    assert client.post(edit, data).status_code == 302
    assert FundingOpportunity.objects.get().status == FundingStatus.CLOSED
    archive = reverse("exchanges_staff:funding_archive", args=[opportunity.pk])
    assert client.post(archive).status_code == 302
    assert client.post(archive).status_code == 409
    assert client.get(edit).status_code == 409


@pytest.mark.parametrize("who", ["participant", "city_rep", "reviewer"])
def test_the_staff_pages_refuse_everyone_else(who, request, client, opportunity, login_with_second_factor):
    person = request.getfixturevalue(who)
    if who == "reviewer":
        login_with_second_factor(person)
    else:
        client.force_login(person)
    assert client.get(reverse("exchanges_staff:funding_create")).status_code == 403
    assert client.post(reverse("exchanges_staff:funding_edit", args=[opportunity.pk]), {}).status_code == 403
    assert client.post(reverse("exchanges_staff:funding_archive", args=[opportunity.pk])).status_code == 403


def test_people_follow_and_stop_following_an_opportunity(client, participant, opportunity):
    url = reverse("exchanges:funding_follow", args=[opportunity.pk])
    assert client.post(url).status_code == 302 and not Follow.objects.exists()  # to sign in
    client.force_login(participant)
    assert client.post(url).status_code == 302
    assert Follow.objects.filter(user=participant, target_type="exchanges.fundingopportunity").count() == 1
    response = client.post(url, {"follow": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Follow this opportunity" in response.content.decode()
    assert not Follow.objects.exists()


# --- Deadline reminders --------------------------------------------------------------------------------------


def _reminders(opportunity) -> list[int]:
    return [
        event.data["days"]
        for event in Event.objects.filter(kind="exchanges.funding_deadline", target_id=str(opportunity.pk)).order_by(
            "pk"
        )
    ]


def test_followers_are_reminded_14_and_3_days_before_the_deadline_once_each(make_opportunity, participant):
    start = timezone.now()
    opportunity = make_opportunity(deadline=(start + timedelta(days=20)).date())
    funding_services.funding_follow(user=participant, opportunity=opportunity)
    sent = []
    for day in range(0, 22):
        with time_machine.travel(start + timedelta(days=day), tick=False):
            sent.append(funding_services.funding_reminders_send())
            sent[-1] += funding_services.funding_reminders_send()  # the next run the same day sends nothing
    assert _reminders(opportunity) == [14, 3]
    assert sum(sent) == 2 and sent[6] == 1 and sent[17] == 1
    event = Event.objects.filter(kind="exchanges.funding_deadline").first()
    assert event.audience == {
        "name": "followers",
        "target_type": "exchanges.fundingopportunity",
        "target_id": str(opportunity.pk),
    }


def test_a_run_that_missed_the_day_still_reminds_once_and_a_new_deadline_reminds_again(make_opportunity, staff_member):
    today = date.today()
    opportunity = make_opportunity(deadline=today + timedelta(days=10))
    assert funding_services.funding_reminders_send(today=today) == 1
    assert funding_services.funding_reminders_send(today=today + timedelta(days=1)) == 0
    assert funding_services.funding_reminders_send(today=today + timedelta(days=8)) == 1
    assert funding_services.funding_reminders_send(today=today + timedelta(days=9)) == 0
    assert funding_services.funding_reminders_send(today=today + timedelta(days=11)) == 0
    opportunity = funding_services.funding_update(
        actor=staff_member, opportunity=opportunity, deadline=today + timedelta(days=12)
    )
    assert funding_services.funding_reminders_send(today=today) == 1
    assert _reminders(opportunity) == [10, 2, 12]


def test_closed_opportunities_remind_nobody(make_opportunity, staff_member):
    opportunity = make_opportunity(deadline=date.today() + timedelta(days=14))
    funding_services.funding_update(actor=staff_member, opportunity=opportunity, status=FundingStatus.CLOSED)
    assert funding_services.funding_reminders_send() == 0


def test_a_reminder_whose_notification_fails_is_not_marked_sent(make_opportunity, monkeypatch):
    opportunity = make_opportunity(deadline=date.today() + timedelta(days=14))

    def fail(**_kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(funding_services, "notify", fail)
    with pytest.raises(RuntimeError):
        funding_services.funding_reminders_send()
    assert FundingOpportunity.objects.get(pk=opportunity.pk).reminded_14_at is None
    monkeypatch.undo()
    assert funding_services.funding_reminders_send() == 1


def test_the_reminders_run_daily_from_the_beat():
    from network.celery import app as celery_app

    entry = celery_app.conf.beat_schedule["funding-deadline-reminders"]
    assert entry == {"task": "exchanges.tasks.send_funding_reminders", "schedule": 60 * 60 * 24}


# --- API -----------------------------------------------------------------------------------------------------


def test_the_api_lists_and_filters_in_a_fixed_number_of_queries(make_opportunity, django_assert_num_queries):
    for title in ("One", "Two", "Three"):
        make_opportunity(title=title)
    make_opportunity(title="Foundation", funder_kind="philanthropy")
    with django_assert_num_queries(2):  # count, page
        data = APIClient().get("/api/v1/funding/").json()
    assert data["count"] == 4 and data["results"][0]["currency"] == "EUR"
    assert APIClient().get("/api/v1/funding/", {"funder_kind": "philanthropy"}).json()["count"] == 1
    for bad in ({"funder_kind": "bank"}, {"status": "gone"}, {"deadline_after": "soon"}):
        response = APIClient().get("/api/v1/funding/", bad)
        assert response.status_code == 400, bad


def test_the_api_reads_one_opportunity(opportunity):
    data = APIClient().get(f"/api/v1/funding/{opportunity.pk}/").json()
    assert data["funder_name"] == "Ministry of Foreign Affairs" and data["page"] == opportunity.get_absolute_url()
    assert APIClient().get("/api/v1/funding/999999/").status_code == 404


def test_the_api_refuses_writes_to_tokens_and_to_everyone_but_staff(client, opportunity, staff_member, participant):
    body = {**opportunity_fields(), "deadline": "2030-01-01", "amount_min": "1", "amount_max": "2"}
    assert APIClient().post("/api/v1/funding/", body, format="json").status_code == 401
    for person in (staff_member, participant):
        api = _token_client(person)
        assert api.post("/api/v1/funding/", body, format="json").status_code == 403
        assert api.patch(f"/api/v1/funding/{opportunity.pk}/", {"title": "X"}, format="json").status_code == 403
        assert api.post(f"/api/v1/funding/{opportunity.pk}/archive/").status_code == 403
    client.force_login(staff_member)  # no second factor in this session
    response = client.post("/api/v1/funding/", body, content_type="application/json")
    assert response.status_code == 403 and "second factor" in response.json()["detail"]
    assert FundingOpportunity.objects.count() == 1


def test_staff_write_through_the_api_with_the_second_factor(
    client, opportunity, staff_member, login_with_second_factor
):
    login_with_second_factor(staff_member)
    body = {**opportunity_fields(), "deadline": "2030-01-01", "amount_min": "1", "amount_max": "2"}
    response = client.post("/api/v1/funding/", {**body, "url": "ftp://x.example"}, content_type="application/json")
    assert response.status_code == 400 and "url" in response.json()
    response = client.post("/api/v1/funding/", {**body, "amount_min": "5"}, content_type="application/json")
    assert response.status_code == 400 and "amount_max" in response.json()
    response = client.post("/api/v1/funding/", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "open"
    url = f"/api/v1/funding/{opportunity.pk}/"
    response = client.patch(url, {"status": "closed"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert client.patch(url, {"status": "archived"}, content_type="application/json").status_code == 400
    assert client.post(f"{url}archive/").status_code == 200
    assert client.post(f"{url}archive/").status_code == 409
    assert client.patch(url, {"title": "Changed"}, content_type="application/json").status_code == 409


def test_a_proposal_names_its_funding_through_the_api(city, city_rep, opportunity):
    api = _token_client(city_rep)
    body = {"city": city.slug, "title": "Funded", "funding": opportunity.pk, "funding_amount": "1"}
    response = api.post("/api/v1/proposals/", body, format="json")
    assert response.status_code == 400 and "funding_amount" in response.json()
    body["funding_amount"] = "6000"
    response = api.post("/api/v1/proposals/", body, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["funding"], response.json()["funding_amount"]) == (opportunity.pk, "6000.00")
    assert api.post("/api/v1/proposals/", {**body, "funding": 999999}, format="json").status_code == 400


# --- The register's CSV and feed carry the funding -------------------------------------------------------------


def test_the_register_csv_and_feed_name_the_funder_of_each_funded_exchange(
    client, make_proposal, make_opportunity, staff_member
):
    ministry = make_opportunity(funder_name="=Ministry of Foreign Affairs")
    funded = make_proposal("approved", funding=ministry, funding_amount=Decimal("10000"), title="Funded visit")
    make_proposal("approved", title="Unfunded visit")
    withheld = make_proposal("recommended", funding=ministry, funding_amount=Decimal("8000"), title="Quiet visit")
    services.proposal_decide(
        actor=staff_member, proposal=withheld, move="approve", rationale="Fine.", sensitive_fields=["cost"]
    )
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("exchanges:register_csv")).content.decode())))
    by_title = {row["title"]: row for row in rows}
    assert {key: by_title["Funded visit"][key] for key in ("funding_opportunity", "funder", "funder_kind")} == {
        "funding_opportunity": str(ministry.pk),
        # A funder's name never runs as a formula in a spreadsheet.
        "funder": "'=Ministry of Foreign Affairs",
        "funder_kind": "foreign_ministry",
    }
    assert (by_title["Funded visit"]["funding_amount"], by_title["Funded visit"]["funding_currency"]) == (
        "10000.00",
        "EUR",
    )
    assert by_title["Unfunded visit"]["funder"] == "" and by_title["Quiet visit"]["funder"] == "withheld"
    assert "8000" not in by_title["Quiet visit"].values()
    feed = client.get(reverse("exchanges:feed")).content.decode()
    assert "Funded by =Ministry of Foreign Affairs (Foreign ministry)." in feed
    assert feed.count("Funded by") == 1 and str(funded.pk) in feed


def test_the_funders_totals_are_a_csv_too(client, make_proposal, make_opportunity):
    ministry = make_opportunity()
    embassy = make_opportunity(funder_name="Embassy of Norway", funder_kind="embassy", currency="NOK",
                               amount_min=None, amount_max=None)  # fmt: skip
    make_proposal("approved", funding=ministry, funding_amount=Decimal("10000"))
    make_proposal("completed", funding=ministry, funding_amount=Decimal("20000"))
    make_proposal("approved", funding=embassy, funding_amount=Decimal("300000"))
    response = client.get(reverse("exchanges:register_funders_csv"))
    text = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8" and text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [
        ["grouped_by", "funder", "currency", "amount", "exchanges"],
        ["funder", "Embassy of Norway", "NOK", "300000.00", "1"],
        ["funder", "Ministry of Foreign Affairs", "EUR", "30000.00", "2"],
        ["funder_kind", "embassy", "NOK", "300000.00", "1"],
        ["funder_kind", "foreign_ministry", "EUR", "30000.00", "2"],
    ]
    assert "Totals per funder as CSV" in client.get(reverse("exchanges:register")).content.decode()
