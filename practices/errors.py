class PracticesError(Exception):
    """A move the library's rules forbid; views show the message, the API answers 409."""


class MoveNotAllowed(PracticesError):
    pass


class ImportRefused(PracticesError):
    """An adoption file with bad rows: nothing of it was applied. `problems` lists (line, reason)."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__(f"{len(problems)} bad row(s)")


class MappingInvalid(PracticesError):
    """A column mapping that cannot be used with the collection; found before any row is read."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


class NotYourMove(MoveNotAllowed):
    """The rules name someone else for this move (the pledging city, staff): the API answers 403 and keeps 409 for a
    move the current state forbids."""
