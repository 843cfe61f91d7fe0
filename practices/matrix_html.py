"""The matrix page's cells, written once per page in Python: on a page of 100 cities and eight practices, 800 cells
through the template language (a variable lookup, an escape and a `{% url %}` each) took most of the page's time.
The labels, the escaped titles and the URLs' prefixes are built once; each cell is then a string format."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from practices.models import AdoptionStatus
from practices.selectors import Matrix

CELL = (
    '<td class="cell cell-{status}"><a href="{before}{city_slug}{after}">{label}'
    '<span class="visually-hidden">: {title}, {city}</span></a></td>'
)


def url_around(name: str, *args: str) -> tuple[str, str]:
    """What comes before and after the last argument, a slug, in the URL named `name`: URLs for many values of it
    by joining strings, rather than one `reverse()` each. A slug needs no quoting."""
    marker = "-"
    before, _marker, after = reverse(name, args=[*args, marker]).rpartition(f"/{marker}/")
    return f"{before}/", f"/{after}"


def render_matrix_cells(matrix: Matrix) -> Matrix:
    """Give each row `city_url`, `score_text` and `cells_html` (its cells, escaped, one per column)."""
    # (The labels are lazy: made strings here, once, not on each use.)
    labels = {status: escape(str(label)) for status, label in AdoptionStatus.choices}
    columns = [
        (escape(item.practice.title), *url_around("practices:adoption", item.practice.slug)) for item in matrix.items
    ]
    no_record = f'<td class="cell cell-none"><span class="muted">{escape(gettext("no record"))}</span></td>'
    city_before, city_after = url_around("cities:detail")
    score_of = gettext("%(score)s of %(total)s")
    total = matrix.practice_count
    for row in matrix.rows:
        slug, city = row.city.slug, escape(row.city.name)
        row.city_url = f"{city_before}{slug}{city_after}"
        row.score_text = score_of % {"score": row.score, "total": total}
        cells = [
            no_record
            if status is None
            else CELL.format(
                status=status if status in labels else escape(status),
                before=before,
                city_slug=slug,
                after=after,
                label=labels.get(status) or escape(status),
                title=title,
                city=city,
            )
            for status, (title, before, after) in zip(row.statuses, columns, strict=True)
        ]
        row.cells_html = mark_safe("".join(cells))  # noqa: S308 - every part above is escaped or a slug
    return matrix
