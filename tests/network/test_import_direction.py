"""Imports run one way: audit ← notifications ← accounts ← cities ← practices ← forums, exchanges. A lower part
never imports a higher one, and the project shell (the rest of `network`) imports no part above the foundation:
parts add themselves to it through `network.shell`."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each part's package and its rank; a module may import parts of its own rank or lower.
PARTS = {
    "network.audit": 0,
    "network.notifications": 1,
    "network.accounts": 2,
    "cities": 3,
    "practices": 4,
    "network.forums": 5,
    "exchanges": 5,
}
SHELL_RANK = PARTS["network.accounts"]


def _part_of(module: str) -> str | None:
    for part in sorted(PARTS, key=len, reverse=True):
        if module == part or module.startswith(part + "."):
            return part
    return None


def _rank_of_module(module: str) -> int | None:
    part = _part_of(module)
    if part is not None:
        return PARTS[part]
    if module == "network" or module.startswith("network."):
        return SHELL_RANK
    return None


def _modules(root: Path):
    for top in ("network", "cities", "practices", "exchanges"):
        for path in sorted((root / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(root).with_suffix("")
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def _imports(path: Path, module: str):
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name
            for alias in node.names:
                yield node.lineno, f"{name}.{alias.name}"


def violations(root: Path = ROOT):
    found = []
    for module, path in _modules(root):
        rank = _rank_of_module(module)
        for line, imported in _imports(path, module):
            imported_rank = _rank_of_module(imported)
            if imported_rank is None or _part_of(imported) is None:
                continue  # the outside world, or a module of the shell (which every part may use)
            if imported_rank > rank:
                found.append(f"{path.relative_to(root)}:{line} imports {imported}")
    return sorted(set(found))


def test_it_finds_no_import_of_a_higher_part():
    assert violations() == []


def test_it_would_see_a_lower_part_importing_a_higher_one(tmp_path):
    # The check itself can fail: a module of the notifications importing the cities, or the shell importing the
    # library, is reported; the shell importing accounts is not.
    (tmp_path / "network" / "notifications").mkdir(parents=True)
    (tmp_path / "network" / "notifications" / "probe.py").write_text("from cities.models import City\n")
    (tmp_path / "network" / "views.py").write_text("import practices.selectors\nfrom network.accounts import roles\n")
    assert violations(tmp_path) == [
        "network/notifications/probe.py:1 imports cities.models",
        "network/notifications/probe.py:1 imports cities.models.City",
        "network/views.py:1 imports practices.selectors",
    ]


@pytest.mark.parametrize(
    ("module", "rank"),
    [("network.views", SHELL_RANK), ("network.accounts.services", 2), ("practices.api", 4), ("network.forums.x", 5)],
)
def test_it_ranks_modules_as_documented(module, rank):
    assert _rank_of_module(module) == rank
