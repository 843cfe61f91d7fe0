"""Security suites: the fixtures of the cities, the library and the browser, to reach pages with objects."""

from tests.cities.conftest import _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.practices.conftest import collection_of, publish, second_curator  # noqa: F401
