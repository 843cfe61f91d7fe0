"""Sessions read from the shared cache and kept in Postgres (Django's `cached_db` store), with each copy in the cache
trusted for a few minutes only.

A signed-in request then reads its session from Redis instead of a table, one query fewer on every signed-in page;
the row in Postgres stays the record, so a flushed or restarted Redis signs nobody out. Signing out deletes the row,
then the copy. Were Redis out of reach at that moment, the sign-out fails with an error, and the copy it could not
delete would be trusted again once Redis came back: for `CACHE_SECONDS` at most, not for the session's two weeks, and
never past that because every later read finds no row. While Redis is out of reach, sessions are read from their
rows."""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger("django.contrib.sessions")

CACHE_SECONDS = 300


class _ShortLived:
    """The cache, with every timeout it is given capped at CACHE_SECONDS. A copy that cannot be written is not one:
    the session was read from its row (Django's store already says so for a session saved, not for one read)."""

    def __init__(self, cache):
        self._cache = cache

    def set(self, key, value, timeout=None):
        try:
            self._cache.set(key, value, CACHE_SECONDS if timeout is None else min(timeout, CACHE_SECONDS))
        except Exception:
            logger.exception("Could not keep a session in the cache")

    def __getattr__(self, name):
        return getattr(self._cache, name)

    def __contains__(self, key):
        # Asked only whether a new session's key is taken: the rows answer too.
        try:
            return key in self._cache
        except Exception:
            return False


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _ShortLived(self._cache)
