"""The plan of the query that read a keyset page, as a view ran it: captured from the request, then explained with
sequential scans and sorts priced out, so that on a test's handful of rows the plan shows whether an index gives the
page's order by itself (where none can, Postgres still sorts)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_query_plans(client, url: str, params: dict, table: str) -> list[str]:
    """The plans of every query of the GET that reads `table` in a given order with a limit."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    pattern = re.compile(rf'FROM "{table}".*ORDER BY.*LIMIT', re.DOTALL)
    statements = [query["sql"] for query in captured.captured_queries if pattern.search(query["sql"])]
    assert statements, f"no ordered, limited read of {table}"
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        for statement in statements:
            cursor.execute(f"EXPLAIN {statement}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def next_cursor(body: str) -> str:
    """The `after` value of a page's link to the next page."""
    found = re.search(r'href="\?[^"]*after=([^"&]+)" rel="next"', body)
    assert found, "no link to the next page"
    return found.group(1)
