"""Every read of the practice library, with its related rows fetched and the viewer's visibility applied."""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import (
    Case,
    Count,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Lower, Replace
from django.db.models.sql import Query
from django.db.models.sql.constants import INNER
from django.db.models.sql.datastructures import Join
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from cities.models import City
from cities.permissions import representations
from network.notifications.models import Follow
from practices.models import (
    SEARCH_CONFIG,
    Adoption,
    AdoptionRevision,
    AdoptionStatus,
    Collection,
    CollectionItem,
    CollectionTranslation,
    Practice,
    PracticeStatus,
    PracticeTranslation,
    RatingProposal,
    RatingProposalStatus,
    Revision,
    Suggestion,
    SuggestionStatus,
    Unaccented,
)
from practices.permissions import PUBLIC_STATUSES, can_curate, can_record_adoption

# How close a title must be to the words typed for the typo-tolerant match (pg_trgm word similarity). Set as
# `pg_trgm.word_similarity_threshold` on every database connection (`apps.py`), so that the search can filter with
# the operator `%>`, which the title's trigram index serves, instead of a function call no index can.
TITLE_SIMILARITY = 0.45
# Statuses that count towards a city's score in a collection's matrix.
SCORED_STATUSES = (AdoptionStatus.ADOPTED,)


def set_title_similarity_threshold(sender, connection, **kwargs) -> None:
    """On each new database connection: the threshold of the search's typo-tolerant match (`%>`), once, rather
    than a function call in every search that no index can serve. Through the driver's own cursor, as Django sets
    the time zone, so it is not counted among a page's queries."""
    if connection.vendor != "postgresql":
        return
    with connection.connection.cursor() as cursor:
        cursor.execute(f"SET pg_trgm.word_similarity_threshold = {float(TITLE_SIMILARITY)}")


def visible_practices(user) -> QuerySet[Practice]:
    """The records `permissions.can_view_practice` lets the user read: published ones, and every record for staff."""
    practices = Practice.objects.all()
    if not can_curate(user):
        practices = practices.filter(status__in=PUBLIC_STATUSES)
    return practices


def library(user) -> QuerySet[Practice]:
    """The library's list: one query for the records, one for their collections."""
    return (
        visible_practices(user)
        .defer("body", "body_html", "search_vector")
        .prefetch_related(Prefetch("collections", queryset=Collection.objects.only("id", "slug", "title")))
    )


# Websearch syntax: a quoted phrase, OR, or a word left out with a minus sign.
OPERATORS = re.compile(r'"|(^|\s)-\S|\sor\s', re.IGNORECASE)


def search(practices: QuerySet[Practice], text: str) -> QuerySet[Practice]:
    """Full-text search with websearch syntax ("quoted phrases", OR, -word) over title (A), summary (B) and body
    (C), ranked. A plain query (no operators) also finds titles a typo away, through pg_trgm; a query with
    operators means exactly what it says. Each result carries a highlighted snippet of its summary."""
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    practices = practices.annotate(rank=SearchRank(F("search_vector"), query, weights=[0.1, 0.2, 0.4, 1.0]))
    if OPERATORS.search(text):
        practices = practices.filter(search_vector=query).annotate(relevance=F("rank"))
    else:
        typed = Lower(Unaccented(Value(text)))
        # The title's expression is the trigram index's own; with the full-text match on the other GIN index, the
        # two are combined in a bitmap OR.
        near_title = TrigramWordSimilar(Lower(Unaccented("title")), typed)
        practices = (
            practices.filter(Q(search_vector=query) | Q(near_title))
            .annotate(title_similarity=TrigramWordSimilarity(typed, Lower(Unaccented("title"))))
            .annotate(relevance=Greatest(F("rank"), F("title_similarity") * Value(0.5)))
        )
    escaped_summary = Replace(
        Replace(Replace("summary", Value("&"), Value("&amp;")), Value("<"), Value("&lt;")), Value(">"), Value("&gt;")
    )
    return practices.annotate(
        # The summary is escaped before <mark> goes in, so the snippet is safe to show as HTML.
        snippet=SearchHeadline(
            escaped_summary,
            query,
            config=SEARCH_CONFIG,
            start_sel="<mark>",
            stop_sel="</mark>",
            max_words=40,
            min_words=15,
            highlight_all=True,
        ),
    ).order_by("-relevance", "title", "id")


def practice_for_viewer(user, slug: str) -> Practice:
    practice = (
        visible_practices(user)
        .select_related("suggested_by")
        .prefetch_related(
            "sources",
            Prefetch(
                "related",
                queryset=Practice.objects.filter(status=PracticeStatus.PUBLISHED).only(
                    "id", "slug", "title", "summary", "rating"
                ),
            ),
            Prefetch("collections", queryset=_with_translation(Collection.objects.only("id", "slug", "title"))),
        )
        .filter(slug=slug)
        .first()
    )
    if practice is None:
        raise Http404
    return practice


def revisions_of(practice: Practice, *, limit: int = 20) -> list[Revision]:
    return list(practice.revisions.all()[:limit])


def pending_rating(practice: Practice) -> RatingProposal | None:
    return (
        RatingProposal.objects.filter(practice=practice, status=RatingProposalStatus.PENDING)
        .select_related("proposed_by")
        .first()
    )


# The order in which a practice's page lists the cities by status: the furthest along first.
STATUS_ORDER = [
    AdoptionStatus.ADOPTED,
    AdoptionStatus.PILOTING,
    AdoptionStatus.CONSIDERING,
    AdoptionStatus.DISCONTINUED,
    AdoptionStatus.NOT_ADOPTED,
]


@dataclass
class StatusGroup:
    status: str
    label: str
    adoptions: list = field(default_factory=list)


def adoptions_by_status(practice: Practice) -> list[StatusGroup]:
    """Every city with a status for the practice, grouped by status (adopted first), each group by city name: one
    query, so the counts and the lists always agree."""
    adoptions = (
        Adoption.objects.filter(practice=practice)
        .select_related("city")
        .only(
            "id", "status", "source", "effective_date", "updated_at", "city__name", "city__slug", "city__country_code"
        )
        .order_by("city__name", "id")
    )
    groups = {status: StatusGroup(status=status.value, label=status.label) for status in STATUS_ORDER}
    for adoption in adoptions:
        groups[AdoptionStatus(adoption.status)].adoptions.append(adoption)
    return [group for group in groups.values() if group.adoptions]


def follower_count(practice: Practice) -> int:
    return Follow.objects.filter(target_type="practices.practice", target_id=str(practice.pk)).count()


def is_following(user, practice: Practice) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, target_type="practices.practice", target_id=str(practice.pk)).exists()


def _with_translation(collections: QuerySet[Collection]) -> QuerySet[Collection]:
    """Each collection with `shown_title`, `shown_description` in the active language where staff translated
    them (else English) and `shown_lang`, the language of those words when it is not the page's; no extra query."""
    language = get_language() or "en"
    if language == "en":
        return collections.annotate(shown_title=F("title"), shown_description=F("description"), shown_lang=Value(""))
    translation = CollectionTranslation.objects.filter(collection=OuterRef("pk"), language=language)
    translated_title = Subquery(translation.values("title")[:1])
    return collections.annotate(
        shown_title=Coalesce(translated_title, F("title")),
        shown_description=Coalesce(
            Subquery(translation.exclude(description="").values("description")[:1]), F("description")
        ),
        shown_lang=Case(When(Exists(translation), then=Value("")), default=Value("en")),
    )


def collections() -> QuerySet[Collection]:
    return _with_translation(
        Collection.objects.annotate(
            practice_count=Count("items", filter=Q(items__practice__status=PracticeStatus.PUBLISHED))
        )
    ).order_by("position", "title", "id")


def collection_choices(request=None) -> QuerySet[Collection]:
    """The collections a filter offers, each under its title in the active language (`shown_title`)."""
    return _with_translation(Collection.objects.all()).order_by("position", "title", "id")


def collection_by_slug(slug: str) -> Collection:
    collection = _with_translation(Collection.objects.filter(slug=slug)).first()
    if collection is None:
        raise Http404
    return collection


def collection_items(collection: Collection) -> list[CollectionItem]:
    return list(
        collection.items.filter(practice__status=PracticeStatus.PUBLISHED)
        .select_related("practice")
        .only("id", "position", "label", "practice__id", "practice__slug", "practice__title", "practice__rating")
    )


@dataclass
class MatrixRow:
    city: City
    # One per column: the status of the city's record for the practice, or None where it has none.
    statuses: list[str | None] = field(default_factory=list)
    score: int = 0


@dataclass
class Matrix:
    collection: Collection
    items: list[CollectionItem]
    rows: list[MatrixRow]

    @property
    def practice_count(self) -> int:
        return len(self.items)


MATRIX_ORDERINGS = {
    "-score": ("-score", "name", "id"),
    "score": ("score", "name", "id"),
    "name": ("name", "id"),
    "-population": ("-population", "name", "id"),
}


def _cities_with_records(practice_ids: list[int]) -> QuerySet[City]:
    """The cities with a record for one of these practices: a matrix's rows. The subquery is DISTINCT so that
    PostgreSQL cannot flatten it into a join it would drive city by city; it reads the records by practice."""
    return City.objects.filter(
        pk__in=Adoption.objects.filter(practice_id__in=practice_ids).order_by().values("city_id").distinct()
    )


class _ScoresJoin(Join):
    """`INNER JOIN (<the collection's records grouped by city>) matrix_scores ON city.id = matrix_scores.city_id`.

    Django joins tables only; this join is to a grouped subquery instead, which PostgreSQL plans on its own: no
    nested loop can hand it a city, so the records are only ever read with the collection's practices as the index
    condition, never through the (city, practice) index by city alone with the practices filtered afterwards, which
    a planner may choose on a near tie of costs."""

    def __init__(self, scores: Query, parent_alias: str):
        super().__init__("matrix_scores", parent_alias, None, INNER, City._meta.get_field("adoptions"), nullable=False)
        self.scores = scores

    def as_sql(self, compiler, connection):
        scores_sql, params = self.scores.get_compiler(connection=connection).as_sql()
        city, scored_city = self.join_cols[0]
        qn = compiler.quote_name
        on = f"{qn(self.parent_alias)}.{qn(city)} = {qn(self.table_alias)}.{qn(scored_city)}"
        return f"{self.join_type} ({scores_sql}) {qn(self.table_alias)} ON ({on})", tuple(params)

    def relabeled_clone(self, change_map):
        clone = _ScoresJoin(self.scores, change_map.get(self.parent_alias, self.parent_alias))
        clone.table_alias = change_map.get(self.table_alias, self.table_alias)
        clone.join_type = self.join_type
        return clone

    @property
    def identity(self):
        return (self.__class__, self.parent_alias, str(self.scores))


class _Score(Expression):
    """The score column of the `_ScoresJoin` with this alias."""

    output_field = IntegerField()

    def __init__(self, alias: str):
        super().__init__()
        self.alias = alias

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name(self.alias)}.{compiler.quote_name('score')}", ()

    def relabeled_clone(self, change_map):
        return _Score(change_map.get(self.alias, self.alias))


def matrix_cities(
    collection: Collection,
    items: list[CollectionItem],
    *,
    country: str = "",
    region: str = "",
    status: str = "",
    sort: str = "-score",
) -> QuerySet[City]:
    """The matrix's rows: each city with a record for one of the collection's practices, with its score (how many
    of them it has adopted). `status` keeps the cities with at least one of the practices at that status. The rows,
    the scores and the status filter come from one read of the collection's records, grouped by city (see
    `_ScoresJoin`), not from every record of each city."""
    practice_ids = [item.practice_id for item in items]
    scores = (
        Adoption.objects.filter(practice_id__in=practice_ids)
        .order_by()
        .values("city_id")
        .annotate(score=Count("pk", filter=Q(status__in=SCORED_STATUSES)))
    )
    if status:
        scores = scores.annotate(at_status=Count("pk", filter=Q(status=status))).filter(at_status__gt=0)
    cities = City.objects.only("id", "name", "slug", "country_code", "region", "population")
    if country:
        cities = cities.filter(country_code=country.upper())
    if region:
        cities = cities.filter(region=region)
    scores_alias = cities.query.join(_ScoresJoin(scores.query, cities.query.get_initial_alias()))
    return cities.annotate(score=_Score(scores_alias)).order_by(*MATRIX_ORDERINGS.get(sort, MATRIX_ORDERINGS["-score"]))


def matrix_rows(collection: Collection, items: list[CollectionItem], cities: list[City]) -> Matrix:
    """The statuses of the given cities (one query), in the columns' order."""
    practice_ids = [item.practice_id for item in items]
    statuses: dict[tuple[int, int], str] = {}
    if cities and practice_ids:
        statuses = {
            (city_id, practice_id): status
            for city_id, practice_id, status in Adoption.objects.filter(
                city_id__in=[city.pk for city in cities], practice_id__in=practice_ids
            )
            .order_by()
            .values_list("city_id", "practice_id", "status")
        }
    rows = [
        MatrixRow(city=city, statuses=[statuses.get((city.pk, pid)) for pid in practice_ids], score=city.score)
        for city in cities
    ]
    return Matrix(collection=collection, items=items, rows=rows)


def matrix_city_choices(collection: Collection, items: list[CollectionItem]) -> list[tuple[str, str]]:
    """(slug, name) of every city in the matrix, for choosing cities to compare."""
    return [(slug, name) for slug, name, _country in matrix_city_entries(items)]


def matrix_city_entries(items: list[CollectionItem]) -> list[tuple[str, str, str]]:
    """(slug, name, country code) of every city in the matrix: the cities to compare and the countries to filter
    by, in one query."""
    practice_ids = [item.practice_id for item in items]
    return list(_cities_with_records(practice_ids).order_by("name", "id").values_list("slug", "name", "country_code"))


@dataclass
class Comparison:
    cities: list[City]
    # (collection item, [adoption or None for each city])
    rows: list[tuple[CollectionItem, list[Adoption | None]]]
    scores: list[int]


def comparison(collection: Collection, items: list[CollectionItem], slugs: list[str]) -> Comparison:
    """Two to four cities side by side, practice by practice, with the quoted policy text."""
    by_slug = {city.slug: city for city in City.objects.filter(slug__in=slugs)}
    cities = [by_slug[slug] for slug in slugs if slug in by_slug]
    practice_ids = [item.practice_id for item in items]
    cells = {
        (adoption.city_id, adoption.practice_id): adoption
        for adoption in Adoption.objects.filter(city__in=cities, practice_id__in=practice_ids)
    }
    rows = [(item, [cells.get((city.pk, item.practice_id)) for city in cities]) for item in items]
    scores = [
        sum(1 for item in items if (cell := cells.get((city.pk, item.practice_id))) and cell.status in SCORED_STATUSES)
        for city in cities
    ]
    return Comparison(cities=cities, rows=rows, scores=scores)


def adoptions_of_city(city: City) -> QuerySet[Adoption]:
    """A city's adoption record: every practice it has a record for, published practices only."""
    return (
        Adoption.objects.filter(city=city, practice__status=PracticeStatus.PUBLISHED)
        .select_related("practice")
        .only(
            "id",
            "status",
            "source",
            "source_note",
            "policy_url",
            "effective_date",
            "updated_at",
            "practice__id",
            "practice__slug",
            "practice__title",
            "practice__rating",
        )
        .order_by("practice__title", "id")
    )


def adoption_of(city: City, practice_slug: str) -> Adoption | None:
    """The city's record for a practice, if it has one (to start the form from)."""
    return Adoption.objects.filter(city=city, practice__slug=practice_slug).first()


def adoption_in(practice: Practice, city_slug: str) -> Adoption:
    adoption = (
        Adoption.objects.filter(practice=practice, city__slug=city_slug)
        .select_related("city", "verified_by", "practice")
        .first()
    )
    if adoption is None:
        raise Http404
    return adoption


def cities_recording_for(user) -> list[City]:
    """The cities whose adoption records this person may keep, by name (none for most people: one query or none)."""
    city_ids = list(representations(user))
    if not city_ids:
        return []
    return [city for city in City.objects.filter(pk__in=city_ids).order_by("name") if can_record_adoption(user, city)]


def adoption_history(adoption: Adoption, *, limit: int = 20) -> list[AdoptionRevision]:
    return list(adoption.revisions.all()[:limit])


# What the API shows of a record, its city and its practice; nothing else is read (a practice's body is long).
ADOPTION_API_FIELDS = (
    "id",
    "status",
    "policy_text",
    "policy_url",
    "effective_date",
    "source",
    "source_note",
    "verified_at",
    "updated_at",
    "city__id",
    "city__slug",
    "city__name",
    "city__country_code",
    "practice__id",
    "practice__slug",
    "practice__title",
    "practice__rating",
)


def adoptions_for_api() -> QuerySet[Adoption]:
    """Records of published practices, in the order they were first written (the primary key: the API pages through
    them by keyset, which a sort on city and practice names, over every record, could not serve from an index)."""
    return (
        Adoption.objects.filter(practice__status=PracticeStatus.PUBLISHED)
        .select_related("city", "practice")
        .only(*ADOPTION_API_FIELDS)
        .order_by("id")
    )


def unverified_adoptions() -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(source="self_reported")
        .select_related("city", "practice")
        .order_by("-updated_at", "-id")
    )


def suggestions_queue(*, status: str = SuggestionStatus.OPEN) -> QuerySet[Suggestion]:
    return (
        Suggestion.objects.filter(status=status).select_related("suggested_by", "practice").order_by("created_at", "id")
    )


def suggestions_of(user) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(suggested_by=user).select_related("practice").order_by("-created_at", "-id")


def editorial_queue() -> dict[str, QuerySet]:
    """What staff have to look at: records in review, ratings waiting for approval, re-reviews due."""
    return {
        "in_review": Practice.objects.filter(status=PracticeStatus.IN_REVIEW)
        .select_related("submitted_by", "rating_set_by")
        .only(
            "id",
            "slug",
            "title",
            "rating",
            "updated_at",
            "submitted_by__handle",
            "rating_set_by__handle",
            "rating_set_by_id",
        )
        .order_by("updated_at", "id"),
        "drafts": Practice.objects.filter(status=PracticeStatus.DRAFT)
        .only("id", "slug", "title", "rating", "updated_at")
        .order_by("-updated_at", "id"),
        "proposals": RatingProposal.objects.filter(status=RatingProposalStatus.PENDING)
        .select_related("practice", "proposed_by")
        .order_by("created_at", "id"),
        "due": Practice.objects.filter(status=PracticeStatus.PUBLISHED, review_due_on__lte=timezone.localdate())
        .only("id", "slug", "title", "rating", "review_due_on")
        .order_by("review_due_on", "id"),
    }


def personal_data(user) -> dict:
    """What the library keeps about a person, for their data export: their suggestions and the adoption records
    they entered."""
    return {
        "suggestions": [
            {
                "title": suggestion.title,
                "summary": suggestion.summary,
                "where": suggestion.where,
                "links": suggestion.links,
                "status": suggestion.status,
                "reason": suggestion.reason,
                "created_at": suggestion.created_at.isoformat(),
            }
            for suggestion in Suggestion.objects.filter(suggested_by=user).order_by("created_at", "id")
        ],
        "adoptions_recorded": [
            {
                "city": adoption.city.name,
                "practice": adoption.practice.title,
                "status": adoption.status,
                "updated_at": adoption.updated_at.isoformat(),
            }
            for adoption in Adoption.objects.filter(recorded_by=user).select_related("city", "practice").order_by("id")
        ],
    }


def practice_translation(practice: Practice, language: str) -> PracticeTranslation | None:
    """The record's translation into `language`, if staff wrote one (never for English, the records' own)."""
    if not language or language == "en":
        return None
    return PracticeTranslation.objects.filter(practice=practice, language=language).first()


def with_shown_words(practices: list[Practice], language: str) -> list[Practice]:
    """Give each record of a list its title and summary in `language` where staff translated them (one query for
    the whole list; none in English): `shown_title`, `shown_summary`, and `shown_lang` ("en" for words left in
    English on a page in another language)."""
    translations = {}
    if language and language != "en":
        translations = {
            translation.practice_id: translation
            for translation in PracticeTranslation.objects.filter(
                practice__in=[practice.pk for practice in practices], language=language
            ).only("practice_id", "title", "summary")
        }
    for practice in practices:
        translation = translations.get(practice.pk)
        practice.shown_title = translation.title if translation else practice.title
        practice.shown_summary = translation.summary if translation and translation.summary else practice.summary
        practice.shown_lang = "" if translation or not language or language == "en" else "en"
    return practices


def collection_translation(collection: Collection, language: str) -> CollectionTranslation | None:
    if not language or language == "en":
        return None
    return CollectionTranslation.objects.filter(collection=collection, language=language).first()
