class ExchangesError(Exception):
    """A move the vetting rules forbid; views show the message, the API answers 409."""


class MoveNotAllowed(ExchangesError):
    pass


class NotYourMove(MoveNotAllowed):
    """The table of moves names someone else for this move (the proposing city, staff, an assigned reviewer): the
    API answers 403, as it does to anyone the rules refuse, and keeps 409 for a move the proposal's state forbids."""


class NotFound(ExchangesError):
    """What the reader asked for does not exist, or is not theirs to see."""
