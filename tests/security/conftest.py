"""The cities' and the library's fixtures, for the suites that cross every part."""

from tests.cities.conftest import _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.practices.conftest import collection_of, publish, second_curator  # noqa: F401
