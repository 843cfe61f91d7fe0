class AccountsError(Exception):
    """A move the accounts rules forbid; the message is shown to the person who tried it."""


class RoleChangeNotAllowed(AccountsError):
    pass
