"""The workflows' tables of moves: one shape for every workflow, each move named once."""

import pytest

from exchanges.workflow import MOVES
from network.workflow import Move, move_table
from practices.pledge_services import PLEDGE_MOVES


def _move(name: str, target: str = "b") -> Move:
    return Move(name, frozenset({"a"}), target, "city", name, "refused")


def test_it_refuses_a_table_naming_a_move_twice():
    with pytest.raises(ValueError):
        move_table(_move("submit"), _move("withdraw"), _move("submit", target="c"))


def test_it_keeps_every_move_by_its_name():
    assert list(move_table(_move("submit"), _move("withdraw"))) == ["submit", "withdraw"]


@pytest.mark.parametrize("table", [MOVES, PLEDGE_MOVES], ids=["exchanges", "pledges"])
def test_it_builds_both_workflows_from_the_one_move(table):
    assert table and all(type(move) is Move and move.name == name for name, move in table.items())
    # Every move leaves at least one status and never stays where it is for all of them.
    assert all(move.sources and move.sources != {move.target} for move in table.values())
