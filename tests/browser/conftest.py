"""Helpers of the browser tests (the fixtures themselves are shared from tests/conftest.py)."""

from tests.browser.support import CHROMIUM, CHROMIUM_FLAGS, assert_accessible, sign_in  # noqa: F401
