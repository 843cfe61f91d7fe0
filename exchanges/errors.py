class ExchangesError(Exception):
    """A move the vetting rules forbid; views show the message, the API answers 409."""


class MoveNotAllowed(ExchangesError):
    pass


class NotFound(ExchangesError):
    """What the reader asked for does not exist, or is not theirs to see."""
