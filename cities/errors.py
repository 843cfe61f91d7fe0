class CitiesError(Exception):
    """A move the member cities rules forbid; views show the message, the API answers 409."""


class MoveNotAllowed(CitiesError):
    pass


class InvitationInvalid(CitiesError):
    pass
