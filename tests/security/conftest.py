"""The browser and the live server of the browser tests, and the library's second curator."""

from tests.browser.conftest import browser, live_server  # noqa: F401
from tests.cities.conftest import _media_in_a_temporary_folder  # noqa: F401
from tests.practices.conftest import second_curator  # noqa: F401
