# ruff: noqa: F811 (fixtures imported from the other conftests)
"""A city's challenge through the browser: its representative records it (a form with an error first), reads the
matches with their reasons, and opens a discussion with the matched city in one click. Accessibility checked on
each page, at phone width too."""

import re

import pytest
from playwright.sync_api import expect

from cities import services as city_services
from network.forums.models import Access, Forum, Topic
from practices.services import adoption_record
from tests.browser.conftest import assert_accessible, sign_in
from tests.cities.conftest import KAMPALA, KINSHASA, _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.factories import UserFactory
from tests.practices.conftest import publish, second_curator  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_representative_records_a_challenge_sees_its_matches_and_starts_a_discussion(
    browser, live_server, page, password, city_rep, member_city, publish, staff_member
):
    kampala = member_city(city_rep, KAMPALA)
    city_services.agency_create(actor=city_rep, city=kampala, name="Uganda Police Force", level="national")
    kinshasa_lead = UserFactory(handle="kinshasa_lead")
    kinshasa = member_city(kinshasa_lead, KINSHASA)
    city_services.agency_create(actor=kinshasa_lead, city=kinshasa, name="Police nationale", level="national")
    practice = publish(title="Mobile crisis unit", slug="mobile-crisis-unit", themes=["crisis_response"])
    adoption_record(actor=staff_member, city=kinshasa, practice=practice, status="adopted")
    Forum.objects.create(slug="crisis", name="Crisis response", access=Access.PUBLIC, theme="crisis_response")

    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(kampala.get_absolute_url())
    page.get_by_role("link", name="Record or change challenges").click()
    assert_accessible(page)
    page.get_by_role("link", name="Record a challenge").click()
    page.get_by_label("Challenge").select_option("armed_crisis_response")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.get_by_label("Challenge").input_value() == "armed_crisis_response"
    assert_accessible(page)
    page.get_by_label("Description").fill("Mental-health calls are answered by armed officers.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/challenges/\d+/$"))
    expect(page.get_by_role("heading", name="Practices and cities that answer it")).to_be_visible()
    expect(page.get_by_role("link", name="Mobile crisis unit")).to_be_visible()
    page.get_by_text("Why Kinshasa").click()
    expect(page.get_by_text("Same level of police: National police.")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    page.get_by_role("link", name="Discuss with Kinshasa").click()
    page.wait_for_url(re.compile(r".*/forums/crisis/new/\?city=.*"))
    page.get_by_label("Title").fill("How does your mobile crisis unit work?")
    page.get_by_role("textbox", name="Message").fill("We would like to learn from Kinshasa.")
    page.get_by_role("button", name="Start the topic").click()
    page.wait_for_url(re.compile(r".*/forums/topics/\d+/$"))
    topic = Topic.objects.get()
    assert topic.city_id == kinshasa.pk and topic.practice_id == practice.pk
