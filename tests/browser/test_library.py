"""The practice library through the browser, on the real records: a visitor searches, filters, reads a practice,
opens the 8 Can't Wait matrix, downloads it and compares two cities; a city's representative follows a practice and
records its adoption; staff verify the record. Accessibility and CSP are checked on each page."""

import csv
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cities import services as city_services
from practices.models import Adoption, AdoptionSource, Practice
from tests.browser.conftest import assert_accessible, sign_in
from tests.cities.conftest import (  # noqa: F401
    GLASGOW,
    KAMPALA,
    SAO_PAULO,
    TBILISI,
    _media_in_a_temporary_folder,
    draft,
    member_city,
    submitted,
)
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EIGHT_CANT_WAIT = [
    "require-de-escalation",
    "use-of-force-continuum",
    "ban-chokeholds-and-strangleholds",
    "require-warning-before-shooting",
    "exhaust-alternatives-before-shooting",
    "duty-to-intervene",
    "ban-shooting-at-moving-vehicles",
    "require-comprehensive-reporting",
]
GLASGOW_QUOTE = "Officers shall use de-escalation techniques whenever it is safe to do so."


@pytest.fixture
def library():
    """The real library, and three cities of the gazetteer with imported records for 8 Can't Wait."""
    call_command("seed_library", verbosity=0)
    practices = {practice.slug: practice for practice in Practice.objects.filter(slug__in=EIGHT_CANT_WAIT)}
    glasgow, tbilisi, sao_paulo = (
        city_services.city_for_place(geonames_id=geonames_id) for geonames_id in (GLASGOW, TBILISI, SAO_PAULO)
    )
    # Glasgow adopted the first five, Tbilisi the first two, São Paulo none (but considers one).
    records = [(glasgow, slug, "adopted") for slug in EIGHT_CANT_WAIT[:5]]
    records += [(tbilisi, slug, "adopted") for slug in EIGHT_CANT_WAIT[:2]]
    records += [(tbilisi, EIGHT_CANT_WAIT[5], "not_adopted"), (sao_paulo, EIGHT_CANT_WAIT[0], "considering")]
    Adoption.objects.bulk_create(
        Adoption(
            city=city,
            practice=practices[slug],
            status=status,
            policy_text=GLASGOW_QUOTE if (city, slug) == (glasgow, EIGHT_CANT_WAIT[0]) else "",
            source=AdoptionSource.IMPORTED,
            source_note="Campaign Zero data set",
        )
        for city, slug, status in records
    )
    return {"glasgow": glasgow, "tbilisi": tbilisi, "sao_paulo": sao_paulo}


def _results(page):
    return page.locator("#practice-results")


def test_a_visitor_searches_filters_reads_a_practice_and_downloads_the_matrix(page, library):
    page.goto("/practices/")
    results = _results(page)
    expect(results.get_by_text("16 practices", exact=True)).to_be_visible()
    assert_accessible(page)

    # Typing searches as one types (htmx), and the address follows so the search can be shared.
    search = page.get_by_role("searchbox", name="Search")
    search.press_sequentially("koban", delay=40)
    page.wait_for_url("**/practices/?*q=koban*")
    expect(results.get_by_text("1 practice", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="Koban (neighbourhood police posts)")).to_be_visible()
    expect(results.locator(".snippet mark").first).to_have_text(re.compile("^koban$", re.IGNORECASE))
    assert page.get_by_role("heading", level=1, name="Practice library").count() == 1
    assert_accessible(page)

    # A letter missing still finds the title.
    search.fill("kobn")
    page.wait_for_url("**/practices/?*q=kobn*")
    expect(results.get_by_role("link", name="Koban (neighbourhood police posts)")).to_be_visible()
    expect(results.get_by_text("1 practice", exact=True)).to_be_visible()

    # Back returns to the previous search, the search box with it.
    page.go_back()
    page.wait_for_url("**/practices/?*q=koban*")
    expect(search).to_have_value("koban")
    expect(results.locator(".snippet mark").first).to_be_visible()

    # Without words, a theme and a rating narrow the list.
    search.fill("")
    expect(results.get_by_text("16 practices", exact=True)).to_be_visible()
    # The filters are folded until one is in use, so that a phone shows results first.
    expect(page.get_by_role("checkbox", name="Use of force", exact=True)).to_be_hidden()
    page.get_by_text("Filter and sort").click()
    page.get_by_role("checkbox", name="Use of force", exact=True).check()
    expect(results.get_by_text("9 practices", exact=True)).to_be_visible()
    page.get_by_role("checkbox", name="Promising", exact=True).check()
    expect(results.get_by_text("1 practice", exact=True)).to_be_visible()
    page.wait_for_url(re.compile(r".*theme=use_of_force.*rating=promising"))
    results.get_by_role("link", name="Require de-escalation").click()
    page.wait_for_url("**/practices/require-de-escalation/")
    assert page.get_by_role("heading", level=1).inner_text() == "Require de-escalation"
    # Its changes speak of the record, not of the database's field names.
    changes = page.get_by_role("region", name="Changes", exact=True)
    expect(changes).to_contain_text("the network · approved and published (status)")
    assert "origin_country" not in changes.inner_text()
    assert_accessible(page)

    # Back in the library, the filtered list is where it was, as a whole page.
    page.go_back()
    page.wait_for_url(re.compile(r".*theme=use_of_force.*rating=promising"))
    expect(page.get_by_role("heading", level=1, name="Practice library")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Promising", exact=True)).to_be_checked()
    expect(_results(page).get_by_text("1 practice", exact=True)).to_be_visible()
    page.go_forward()
    page.wait_for_url("**/practices/require-de-escalation/")

    # The practice's collection leads to its matrix.
    page.get_by_role("definition").get_by_role("link", name="8 Can't Wait", exact=True).click()
    page.wait_for_url("**/practices/collections/8-cant-wait/")
    matrix = page.get_by_role("region", name=re.compile(r"^8 Can't Wait: 3 cities, each scored out of 8"))
    expect(matrix).to_be_visible()
    rows = matrix.locator("tbody tr")
    expect(rows).to_have_count(3)
    assert [name.strip() for name in rows.locator("th a").all_inner_texts()] == ["Glasgow", "Tbilisi", "São Paulo"]
    expect(rows.first.locator("td.score")).to_have_text("5 of 8")
    assert matrix.locator("thead th").first.evaluate("th => getComputedStyle(th).position") == "sticky"
    assert_accessible(page)

    # The matrix scrolls on its own, so the keyboard can reach it: it comes right after the links above it.
    assert matrix.get_attribute("tabindex") == "0"
    page.get_by_role("link", name="Pledges on the accountability board").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"

    # The CSV: one row per city, one column per practice.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as CSV").click()
    download = download_info.value
    assert download.suggested_filename == "8-cant-wait-matrix.csv"
    table = list(csv.reader(Path(download.path()).read_text(encoding="utf-8-sig").splitlines()))
    assert table[0] == ["city", "country", "region", "score", "out_of", *EIGHT_CANT_WAIT]
    assert len(table) == 4
    assert table[1][:5] == ["Glasgow", "GB", "europe", "5", "8"]

    # Two cities side by side, with the policy text they quoted.
    page.get_by_role("link", name="Compare cities side by side").click()
    page.wait_for_url("**/practices/collections/8-cant-wait/compare/")
    assert_accessible(page)
    compare = page.get_by_role("group", name="Cities to compare (two to four)")
    compare.get_by_role("checkbox", name="Glasgow").check()
    compare.get_by_role("checkbox", name="Tbilisi").check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r".*/compare/\?city=glasgow-gb&city=tbilisi-ge$"))
    comparison = page.get_by_role("region", name="Practice by practice, with the policy text each city quoted")
    assert [name.strip() for name in comparison.locator("thead th").all_inner_texts()] == [
        "Practice",
        "Glasgow",
        "Tbilisi",
    ]
    expect(comparison.get_by_role("row", name=re.compile("^Score")).locator("td")).to_have_text(["5 of 8", "2 of 8"])
    expect(comparison.get_by_text(GLASGOW_QUOTE)).to_be_visible()
    assert_accessible(page)
    assert page.csp_violations == []


def test_a_representative_follows_a_practice_and_records_its_adoption(
    browser,
    live_server,
    page,
    library,
    city_rep,
    staff_member,
    password,
    member_city,  # noqa: F811 (a fixture, imported above)
    enable_totp,
):
    kampala = member_city(city_rep, KAMPALA)
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/practices/")
    page.get_by_role("link", name="Duty to intervene").click()
    page.wait_for_url("**/practices/duty-to-intervene/")

    # Following swaps the button in place.
    page.get_by_role("button", name="Follow this practice").click()
    expect(page.get_by_role("button", name="Stop following this practice")).to_be_visible()
    expect(page.get_by_text("1 follower", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record the adoption by Kampala").click()
    page.wait_for_url("**/practices/adoptions/kampala-ug/record/?practice=duty-to-intervene")
    assert page.get_by_label("Practice").input_value() == "duty-to-intervene"
    assert_accessible(page)
    quote = "Every officer has a duty to intervene to stop another officer using excessive force, and to report it."
    page.get_by_label("Status").select_option("adopted")
    page.get_by_label("Quoted policy text").fill(quote)
    page.get_by_label("Link to the policy").fill("the general order, section 4")
    page.get_by_label("In effect since").fill("2024-03-01")
    page.get_by_role("button", name="Save").click()

    # A bad link is refused; what was typed stays.
    expect(page.get_by_text("Enter a valid URL.", exact=True)).to_be_visible()
    assert page.get_by_label("Link to the policy").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Quoted policy text").input_value() == quote
    assert page.get_by_label("Status").input_value() == "adopted"
    assert page.get_by_label("In effect since").input_value() == "2024-03-01"
    assert_accessible(page)
    page.get_by_label("Link to the policy").fill("https://www.kcca.go.ug/policing/general-order-4")
    page.get_by_role("button", name="Save").click()

    page.wait_for_url("**/practices/duty-to-intervene/cities/kampala-ug/")
    expect(page.get_by_text("The adoption of “Duty to intervene” by Kampala has been recorded.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Duty to intervene in Kampala")
    expect(page.get_by_role("definition").filter(has_text="Reported by the city")).to_be_visible()
    expect(page.get_by_text(quote)).to_be_visible()
    history = page.get_by_role("table").last.locator("tbody tr")
    expect(history).to_have_count(1)
    expect(history.first.locator("td")).to_have_text(
        [re.compile(r"\d{4}"), "Adopted", "Reported by the city", "glasgow_office"]
    )
    assert_accessible(page)

    # The city's page shows its adoption record.
    page.get_by_role("link", name="Kampala", exact=True).click()
    page.wait_for_url(f"**{kampala.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Adoption record")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^Duty to intervene Adopted"))).to_be_visible()

    # The suggestion form, empty and with its errors.
    page.goto("/practices/suggest/")
    assert_accessible(page)
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    assert page.csp_violations == []

    # Staff, with their second factor, verify the record.
    secret = enable_totp(staff_member)
    staff = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    staff.csp_violations = []
    staff.on("console", lambda m: "Content Security Policy" in m.text and staff.csp_violations.append(m.text))
    sign_in(staff, staff_member, password)
    staff.get_by_label("Code").fill(totp_code(secret))
    staff.get_by_role("button", name="Sign In").click()
    staff.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    staff.goto("/practices/duty-to-intervene/cities/kampala-ug/")
    staff.get_by_label("Note (optional)").fill("Checked against the published general order.")
    staff.get_by_role("button", name="Mark as verified").click()
    expect(staff.get_by_text("The record is marked as verified.")).to_be_visible()
    expect(
        staff.get_by_role("definition").filter(
            has_text=re.compile("^Verified by staff · Checked against the published general order")
        )
    ).to_be_visible()
    assert staff.get_by_role("button", name="Mark as verified").count() == 0
    assert_accessible(staff)
    assert staff.csp_violations == []
    staff.context.close()
    assert Adoption.objects.get(city=kampala).source == AdoptionSource.VERIFIED


def test_the_library_and_the_matrix_fit_a_phone(page, library):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/practices/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.get_by_role("searchbox", name="Search").fill("chokehold")
    expect(_results(page).get_by_text("1 practice", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    assert_accessible(page)

    page.goto("/practices/collections/8-cant-wait/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    matrix = page.get_by_role("region", name=re.compile("^8 Can't Wait"))
    # The matrix is wider than the phone: it scrolls inside its frame, not the page.
    assert matrix.evaluate("wrap => wrap.scrollWidth > wrap.clientWidth")
    assert matrix.evaluate("wrap => wrap.getBoundingClientRect().right") <= 361
    # Scrolled to its last column, the cities' names stay in view at its left edge.
    matrix.evaluate("wrap => { wrap.scrollLeft = wrap.scrollWidth; }")
    wrap_left = matrix.evaluate("wrap => wrap.getBoundingClientRect().left")
    city_left = matrix.locator("tbody th").first.evaluate("th => th.getBoundingClientRect().left")
    assert abs(city_left - wrap_left) <= 2
    assert_accessible(page)

    page.get_by_role("link", name="Compare cities side by side").click()
    compare = page.get_by_role("group", name="Cities to compare (two to four)")
    for city in ("Glasgow", "Tbilisi", "São Paulo"):
        compare.get_by_role("checkbox", name=city).check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/?city=*")
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    assert page.csp_violations == []
