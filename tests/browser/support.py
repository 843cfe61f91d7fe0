"""The browser, the live server and the helpers of the tests that drive Chromium. The fixtures are registered once,
in tests/conftest.py, so every folder shares one browser and one live server."""

import os
from pathlib import Path

import pytest

from tests.conftest import require_service

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, but static files come through whitenoise as in production (hashed names)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        require_service("Debian's chromium is not installed (make test installs it where it can)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls in these tests stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain HTTP: cookies may not require TLS here.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    # Links in mail are built from SITE_URL: here the site is the live server.
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),
    )
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def overflow(page) -> list[str]:
    """What sticks out past the right edge: the page's width, and the first elements that cross it."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const found = [];
        if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth}px`);
        // A table made to stack on phones must not scroll sideways inside its frame either.
        for (const wrap of document.querySelectorAll('.table-wrap')) {
            if (wrap.querySelector('table.stack') && wrap.scrollWidth > wrap.clientWidth + 1) {
                found.push(`a stacked table ${wrap.scrollWidth}px wide`);
            }
        }
        for (const element of document.body.querySelectorAll('*')) {
            if (element.closest('.table-wrap, .visually-hidden')) continue;
            const box = element.getBoundingClientRect();
            if (box.width && box.right > width + 1) {
                found.push(`${element.tagName.toLowerCase()}.${element.className} ends at ${Math.round(box.right)}px`);
                if (found.length > 4) break;
            }
        }
        return found;
    }"""
    )


def sign_in(page, user, password) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
