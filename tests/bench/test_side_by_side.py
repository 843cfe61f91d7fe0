"""`bench.run --side-by-side`: each page's latency on the full and the large data, and its growth against the
target."""

from bench.run import side_by_side


def _results(sizes: dict, pages: list[tuple[str, int, float | None]]) -> dict:
    rows = []
    for path, queries, p95 in pages:
        row = {"page": path.strip("/") or "home", "path": path, "queries": queries}
        if p95 is not None:
            row["at_workers"] = {"p50_ms": p95 / 2, "p95_ms": p95}
        rows.append(row)
    return {"seeded": {"sizes": sizes}, "pages": rows}


def test_it_sets_each_page_beside_itself_and_tells_the_growth():
    full = _results({"practices": 3000}, [("/", 0, 10.0), ("/practices/", 4, 40.0), ("/cities/", 3, 20.0)])
    large = _results({"practices": 30000}, [("/", 0, 12.0), ("/practices/", 4, 80.0), ("/cities/", 3, None)])
    table = side_by_side(full, large)
    assert "Full: {'practices': 3000}; large: {'practices': 30000}." in table
    assert "| home | 0 / 0 | 5 | 6 | 10 | 12 | x1.20 (met) |" in table
    assert "| practices | 4 / 4 | 20 | 40 | 40 | 80 | x2.00 (0.50 over) |" in table
    assert "| cities | not measured on both | | | | | |" in table
