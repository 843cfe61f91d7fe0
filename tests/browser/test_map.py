"""The directory's map: the world's outline, numbered markers that lead to each member city by keyboard and by
touch, and the numbered list beside it."""

import pytest

from tests.browser.conftest import CHROMIUM_FLAGS, assert_accessible  # noqa: F401
from tests.cities.conftest import (  # noqa: F401
    GLASGOW,
    TBILISI,
    _media_in_a_temporary_folder,
    draft,
    member_city,
    submitted,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_members(member_city, participant, outsider):  # noqa: F811
    return member_city(participant, GLASGOW), member_city(outsider, TBILISI)


def test_a_marker_leads_to_its_city_by_keyboard(page, two_members):
    page.goto("/cities/")
    world = page.get_by_role("group", name="Map of 2 member cities")
    assert world.locator("path.map-land").count() == 1
    glasgow = world.get_by_role("link", name="1. Glasgow, United Kingdom")
    tbilisi = world.get_by_role("link", name="2. Tbilisi, Georgia")
    assert glasgow.count() == 1 and tbilisi.count() == 1
    assert [text.strip() for text in page.locator("ol.member-list a").all_inner_texts()] == ["Glasgow", "Tbilisi"]
    assert_accessible(page)
    # The keyboard reaches the markers in the list's order, and Enter follows one.
    glasgow.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "2. Tbilisi, Georgia"
    page.keyboard.press("Enter")
    page.wait_for_url("**/cities/tbilisi-ge/")


def test_a_marker_leads_to_its_city_by_touch(browser, live_server, two_members, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = False
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto("/cities/")
        marker = page.get_by_role("link", name="1. Glasgow, United Kingdom")
        # A finger-sized target, even on a phone where the map is narrow.
        assert marker.bounding_box()["width"] >= 12
        marker.tap()
        page.wait_for_url("**/cities/glasgow-gb/")
    finally:
        context.close()
