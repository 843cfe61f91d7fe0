from tests.conftest import *  # noqa: F403 - the same database, cache and user fixtures as the tests
