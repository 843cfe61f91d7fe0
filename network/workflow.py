"""A workflow's allowed moves, one table per workflow: each move names the statuses it leaves, the one it reaches, who
makes it, its button's label and the refusal shown when the status forbids it. Services check a move against its
row; views and the API offer only the rows the person may make. Exchange proposals and pledges both keep theirs so."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset
    target: str
    actor: str
    label: str | Promise
    refusal: str | Promise
    needs_reason: bool = False
    # The system may make this move too (a newly verified finding reopens an exchange).
    system: bool = False


def move_table(*moves: Move) -> dict[str, Move]:
    """The table of a workflow's moves by name; a name given twice is a mistake in the table."""
    table = {move.name: move for move in moves}
    if len(table) != len(moves):
        raise ValueError("A workflow names a move twice.")
    return table
