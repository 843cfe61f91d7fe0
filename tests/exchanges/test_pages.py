"""The HTML pages: the register (and its CSV and feed), the partner registry, proposing, screening, reviewing,
deciding, the rejection letter and the alternatives; exact query counts on the register and the review queue."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from exchanges import services
from exchanges.models import PartnerAgency, Proposal, Status
from network import page_cache
from tests.exchanges.conftest import checklist, finding_fields

pytestmark = pytest.mark.django_db

SECRET_PARTNER = "Carabineros de Chile"


@pytest.fixture
def withheld(make_proposal, partner, staff_member):
    """A rejected proposal whose decision withholds the partner, the cost and the conditions-free rationale."""
    proposal = make_proposal("recommended", partners=[partner], recommendations=("reject", "reject"), cost=77777)
    return services.proposal_decide(
        actor=staff_member,
        proposal=proposal,
        move="reject",
        rationale="Internal reasoning, never public.",
        summary="A public summary that is withheld.",
        sensitive_fields=["partners", "cost", "rationale"],
    )


def test_it_lists_decisions_and_withholds_sensitive_fields_on_the_page(client, withheld, make_proposal):
    make_proposal("approved", title="Visible exchange")
    response = client.get(reverse("exchanges:register"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Visible exchange" in body and withheld.title in body
    assert SECRET_PARTNER not in body and "77777" not in body and "withheld" in body
    assert "Internal reasoning" not in body and "A public summary that is withheld" not in body


def test_it_withholds_sensitive_fields_from_the_csv_the_feed_the_api_and_the_proposal_page(client, withheld):
    for url in (
        reverse("exchanges:register_csv"),
        reverse("exchanges:feed"),
        reverse("api:exchange_register"),
        reverse("exchanges:proposal", args=[withheld.pk]),
        reverse("api:proposal", args=[withheld.pk]),
    ):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert withheld.title in body, url
        assert SECRET_PARTNER not in body and "77777" not in body, url
        assert "Internal reasoning" not in body and "withheld" in body.lower(), url


def test_it_shows_staff_the_withheld_fields(client, withheld, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    body = client.get(reverse("exchanges:register")).content.decode()
    assert SECRET_PARTNER in body and "77777" in body


def test_it_keeps_csv_cells_from_running_as_formulas(client, make_proposal):
    make_proposal("approved", title="=HYPERLINK(1)")
    body = client.get(reverse("exchanges:register_csv")).content.decode()
    assert "'=HYPERLINK(1)" in body


def test_it_reads_the_register_in_a_fixed_number_of_queries(client, make_proposal, django_assert_num_queries):
    for title in ("One", "Two", "Three"):
        make_proposal("approved_with_conditions", title=title, recommendations=("approve_with_conditions",) * 2)
    # session-less visitor: the page, its count, the totals in one pass, then partners and conditions prefetched.
    with django_assert_num_queries(5):
        response = client.get(reverse("exchanges:register"))
    assert response.content.decode().count("Human-rights module") == 3


def test_it_reads_the_review_queue_in_a_fixed_number_of_queries(
    client, make_proposal, staff_member, login_with_second_factor, django_assert_num_queries
):
    for title in ("One", "Two", "Three"):
        make_proposal("in_review", title=title)
    login_with_second_factor(staff_member)
    client.get(reverse("exchanges_staff:queue"))
    with django_assert_num_queries(10):  # paged by keyset: no count
        response = client.get(reverse("exchanges_staff:queue"))
    assert response.status_code == 200
    assert response.content.decode().count("Politie Amsterdam") == 3


def test_it_finds_partners_and_shows_their_verified_findings(client, partner, verified_finding, staff_member):
    verified_finding(partner, title="Eyes on the protests")
    services.finding_create(
        actor=staff_member, partner=partner, source_kind="press", publisher="A paper", title="Unverified claim",
        published_on="2026-01-01", categories=["corruption"], severity="low", credibility="low", summary="Claim.",
    )  # fmt: skip
    response = client.get(reverse("exchanges:partners"), {"q": "CARABINEROS"})
    assert SECRET_PARTNER in response.content.decode()
    body = client.get(reverse("exchanges:partner", args=[partner.pk])).content.decode()
    assert "Eyes on the protests" in body and "Unverified claim" not in body


def test_it_keeps_what_was_typed_and_shows_errors_beside_each_field(client, city, city_rep):
    client.force_login(city_rep)
    url = reverse("exchanges:propose", args=[city.slug])
    response = client.post(url, {"title": "Kept title", "officers": "-4", "starts_on": "not a date"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="Kept title"' in body
    assert body.count('class="errorlist') >= 2
    assert not Proposal.objects.exists()


def test_it_saves_a_draft_then_submits_it(client, city, city_rep, clean_partner):
    client.force_login(city_rep)
    response = client.post(
        reverse("exchanges:propose", args=[city.slug]),
        {
            "title": "Crisis team visit", "partners": [clean_partner.pk], "direction": "receive",
            "exchange_type": "study_visit", "topics": ["crisis_intervention"], "starts_on": "2027-03-01",
            "ends_on": "2027-03-04", "officers": "3", "cost": "9000", "payer": "city", "objectives": "Learn.",
        },
    )  # fmt: skip
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.status == Status.DRAFT
    response = client.post(reverse("exchanges:move", args=[proposal.pk, "submit"]))
    assert response.status_code == 302
    assert Proposal.objects.get().status == Status.SUBMITTED


def test_it_refuses_the_proposal_form_to_people_who_do_not_represent_the_city(client, city, participant):
    client.force_login(participant)
    assert client.get(reverse("exchanges:propose", args=[city.slug])).status_code == 403


def test_it_answers_409_for_a_move_the_table_forbids(client, make_proposal, city_rep):
    proposal = make_proposal("approved")
    client.force_login(city_rep)
    response = client.post(reverse("exchanges:move", args=[proposal.pk, "withdraw"]), {"reason": ""})
    assert response.status_code == 409
    assert "only before a decision" in response.content.decode()


def test_it_hides_drafts_from_everyone_but_the_city(client, make_proposal, participant):
    proposal = make_proposal("submitted")
    assert client.get(reverse("exchanges:proposal", args=[proposal.pk])).status_code == 404
    client.force_login(participant)
    assert client.get(reverse("exchanges:proposal", args=[proposal.pk])).status_code == 404


def test_it_lets_staff_screen_assign_open_and_decide_through_the_pages(
    client, make_proposal, staff_member, reviewers, login_with_second_factor
):
    proposal = make_proposal("submitted")
    login_with_second_factor(staff_member)
    url = reverse("exchanges_staff:proposal", args=[proposal.pk])
    assert client.post(url, {"action": "screen"}).status_code == 302
    for person in reviewers[:2]:
        assert client.post(url, {"action": "assign", "assign-reviewer": person.pk}).status_code == 302
    response = client.post(url, {"action": "open_review", "open_review-comment_days": "0"})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert client.post(url, {"action": "open_review", "open_review-comment_days": "14"}).status_code == 302
    for person in reviewers[:2]:
        services.review_submit(actor=person, proposal=proposal, checklist=checklist(), recommendation="approve")
    response = client.post(url, {"action": "decide", "decide-move": "reject", "decide-rationale": "Because."})
    assert response.status_code == 400
    assert "side with one" in response.content.decode()
    assert "Because.</textarea>" in response.content.decode()
    response = client.post(
        url,
        {
            "action": "decide", "decide-move": "approve_with_conditions", "decide-rationale": "Because.",
            "decide-override_reason": "The conditions answer the reviewers.",
            "decide-condition_0_measure": "Observer", "decide-condition_0_owner": "Oversight body",
            "decide-condition_0_due_on": "2027-01-01",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Status.APPROVED_WITH_CONDITIONS


def test_it_hides_the_others_recommendations_on_the_review_page_until_submitted(
    client, make_proposal, reviewers, login_with_second_factor
):
    proposal = make_proposal("in_review")
    services.review_submit(actor=reviewers[0], proposal=proposal, checklist=checklist(), recommendation="reject")
    login_with_second_factor(reviewers[1])
    url = reverse("exchanges_staff:review", args=[proposal.pk])
    body = client.get(url).content.decode()
    assert "panel_expert" not in body and "Submit my recommendation" in body
    data = {
        f"{item}_{part}": value for item in checklist() for part, value in (("rating", "4"), ("rationale", "Fine."))
    }
    response = client.post(url, {**data, "cost_rationale": "", "recommendation": "approve"})
    assert response.status_code == 400 and "Fine." in response.content.decode()
    assert client.post(url, {**data, "recommendation": "approve"}).status_code == 302
    body = client.get(url).content.decode()
    assert "panel_expert" in body and "Reject" in body


def test_it_lets_reviewers_declare_conflicts_on_their_dashboard(client, reviewers, city, login_with_second_factor):
    login_with_second_factor(reviewers[0])
    url = reverse("exchanges_staff:reviews")
    response = client.post(url, {"reason": "Former adviser"})
    assert response.status_code == 400 and "Former adviser" in response.content.decode()
    assert client.post(url, {"city": city.pk, "reason": "Former adviser"}).status_code == 302
    assert city.name in client.get(url).content.decode()


def test_it_offers_the_letter_in_three_languages_and_alternatives_with_a_study_visit(
    client, make_proposal, city_rep, publish, member_city, staff_member
):
    from network.accounts.roles import Role
    from practices.services import adoption_record
    from tests.cities.conftest import GLASGOW
    from tests.conftest import _with_role

    practice = publish(title="Crisis teams", themes=["crisis_response"])
    glasgow = member_city(_with_role("glasgow_lead", "lead@glasgow.example", Role.CITY_REPRESENTATIVE), GLASGOW)
    adoption_record(actor=staff_member, city=glasgow, practice=practice, status="adopted")
    proposal = make_proposal("rejected", recommendations=("reject", "reject"))
    Proposal.objects.filter(pk=proposal.pk).update(letter_reasons="The curriculum teaches restraint holds.")
    client.force_login(city_rep)
    body = client.get(reverse("exchanges:proposal", args=[proposal.pk])).content.decode()
    assert "Crisis teams" in body and "Glasgow" in body
    assert f"practice={practice.slug}&amp;host={glasgow.slug}" in body
    for language, words in (("en", "will not take part"), ("fr", "ne participera pas"), ("es", "no participará")):
        response = client.get(reverse("exchanges:letter", args=[proposal.pk]), {"lang": language})
        text = response.content.decode()
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        assert words in text and "restraint holds" in text and "Politie Amsterdam" in text
    form = client.get(
        reverse("exchanges:propose", args=[proposal.city.slug]), {"practice": practice.slug, "host": glasgow.slug}
    )
    assert "Study visit: Crisis teams" in form.content.decode()


def test_it_checks_attachments_by_content_as_the_letters_are(client, city, city_rep):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.cities.conftest import pdf_bytes

    client.force_login(city_rep)
    url = reverse("exchanges:propose", args=[city.slug])
    fake = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    response = client.post(url, {"title": "With an agenda", "agenda": fake})
    assert response.status_code == 400 and 'id="id_agenda_error"' in response.content.decode()
    assert 'value="With an agenda"' in response.content.decode()
    scripted = SimpleUploadedFile("c.pdf", pdf_bytes(b"4 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n"))
    response = client.post(url, {"title": "With a curriculum", "curriculum": scripted})
    assert response.status_code == 400 and "This PDF contains JavaScript." in response.content.decode()
    response = client.post(url, {"title": "Clean", "agenda": SimpleUploadedFile("a.pdf", pdf_bytes())})
    assert response.status_code == 302
    assert Proposal.objects.get().agenda.name.startswith("exchanges/")


def test_it_shows_staff_the_whole_decision_and_the_city_its_report(
    client, make_proposal, staff_member, city_rep, login_with_second_factor
):
    proposal = make_proposal("recommended", recommendations=("approve", "reject"))
    proposal = services.proposal_decide(
        actor=staff_member,
        proposal=proposal,
        move="approve",
        rationale="The full internal rationale.",
        summary="The public summary.",
        override_reason="The rejecting reviewer weighed an older report.",
        sensitive_fields=["cost"],
    )
    services.proposal_complete(actor=city_rep, proposal=proposal, report="Officers trained with the crisis team.")
    assert "Officers trained" not in client.get(reverse("exchanges:proposal", args=[proposal.pk])).content.decode()
    client.force_login(city_rep)
    assert "Officers trained" in client.get(reverse("exchanges:proposal", args=[proposal.pk])).content.decode()
    client.logout()
    login_with_second_factor(staff_member)
    body = client.get(reverse("exchanges_staff:proposal", args=[proposal.pk])).content.decode()
    for text in (
        "The full internal rationale.",
        "The public summary.",
        "The rejecting reviewer weighed an older report.",
        "cost and who pays",
        "Officers trained with the crisis team.",
    ):
        assert text in body, text


def test_it_refuses_moderation_and_conditions_to_people_without_the_power(client, make_proposal, participant):
    proposal = make_proposal("approved_with_conditions", recommendations=("approve_with_conditions",) * 2)
    client.force_login(participant)
    condition = proposal.conditions.get()
    response = client.post(reverse("exchanges_staff:condition_done", args=[condition.pk]))
    assert response.status_code == 403
    condition.refresh_from_db()
    assert condition.done_at is None
    in_review = make_proposal("in_review", title="Open for comments")
    comment = services.comment_create(actor=participant, proposal=in_review, body="A question.")
    assert client.post(reverse("exchanges_staff:comment_hide", args=[comment.pk])).status_code == 403
    comment.refresh_from_db()
    assert not comment.hidden


def test_it_filters_the_register_by_the_partners_country_and_keeps_the_choice(client, make_proposal, partner):
    make_proposal("approved", title="With Chile", partners=[partner])
    make_proposal("approved", title="With the Netherlands")
    body = client.get(reverse("exchanges:register"), {"country": "CL"}).content.decode()
    assert "With Chile" in body and "With the Netherlands" not in body
    assert '<option value="CL" selected>' in body and '<option value="NL" selected>' not in body


@pytest.mark.page_cache
def test_a_visitor_gets_the_register_from_the_cache_and_the_next_decision_on_the_next_request(
    client, withheld, make_proposal, staff_member, login_with_second_factor
):
    hit = page_cache.HIT_HEADER
    pages = [reverse("exchanges:register"), reverse("api:exchange_register")]
    for url in pages:
        first, second = client.get(url), client.get(url)
        assert (first[hit], second[hit]) == ("miss", "hit") and second.content == first.content, url
    make_proposal("approved", title="Decided just now")
    for url in pages:
        response = client.get(url)
        assert response[hit] == "miss" and "Decided just now" in response.text, url
    # Staff see what a decision withholds; what they were shown is never kept for a visitor.
    staff = Client()
    login_with_second_factor(staff_member, client=staff)
    assert SECRET_PARTNER in staff.get(pages[0]).text
    again = client.get(pages[0])
    assert again[hit] == "hit" and SECRET_PARTNER not in again.text and "Decided just now" in again.text


@pytest.mark.page_cache
def test_a_visitor_gets_a_partners_pages_from_the_cache_and_a_finding_on_the_next_request(
    client, partner, staff_member, second_staff, verified_finding, login_with_second_factor
):
    hit = page_cache.HIT_HEADER
    verified_finding(partner, title="Crowd control with live rounds")
    pages = [
        reverse("exchanges:partner", args=[partner.pk]),
        f"{reverse('exchanges:partners')}?q=carabineros",
        reverse("api:partner", args=[partner.pk]),
        f"{reverse('api:partners')}?q=carabineros",
    ]
    for url in pages:
        first, second = client.get(url), client.get(url)
        assert (first[hit], second[hit]) == ("miss", "hit") and second.content == first.content, url
    # A finding entered is shown to staff at once, to visitors only once a second person has verified it.
    entered = services.finding_create(
        actor=staff_member,
        partner=partner,
        **finding_fields(source_kind="un", publisher="OHCHR", title="Torture in custody", published_on=date.today()),
    )
    staff = Client()
    login_with_second_factor(staff_member, client=staff)
    for detail in (pages[0], pages[2]):
        assert "Torture in custody" in staff.get(detail).text
        waiting = client.get(detail)
        assert waiting[hit] == "miss" and "Torture in custody" not in waiting.text
        assert client.get(detail)[hit] == "hit"
    services.finding_verify(actor=second_staff, finding=entered)
    for detail in (pages[0], pages[2]):
        shown = client.get(detail)
        assert shown[hit] == "miss" and "Torture in custody" in shown.text, detail
    # A partner renamed shows in the searches on the next request.
    PartnerAgency.objects.filter(pk=partner.pk).update(name="Carabineros de Chile (renamed)")
    for search in (pages[1], pages[3]):
        renamed = client.get(search)
        assert renamed[hit] == "miss" and "Carabineros de Chile (renamed)" in renamed.text, search
