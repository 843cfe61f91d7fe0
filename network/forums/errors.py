class ForumError(Exception):
    """A move the forum's rules refuse to this person; pages show the message, the API answers 403."""


class ForumConflict(ForumError):
    """A move the state of the topic or post does not allow now (already locked, already hidden…); the API answers
    409."""


class ForumRateLimited(ForumError):
    """Too many posts too fast, or past a new account's first-day allowance; the API answers 429."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class ForumNotFound(ForumError):
    """What the reader asked for does not exist, or is not theirs to read."""
