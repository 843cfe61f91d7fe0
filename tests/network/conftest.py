"""The library and the cities, built through their real services, for the tests of the pages visitors see."""

from tests.cities.conftest import draft, member_city, submitted  # noqa: F401
from tests.practices.conftest import collection_of, publish, second_curator  # noqa: F401
