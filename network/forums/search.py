"""Search over the forum posts a person may read: Postgres full-text search, each post matched in its own
language's dictionary (`models.search_config`), weighted (an opening post's topic title above any body), ranked,
highlighted, and filtered by forum, practice, city, author and date. The page (`/forums/search/`) and the API share
the form and the selector.

What a person may not read never comes into it: the search starts from `selectors.posts_visible(user)`, so a
private forum's posts are neither found, nor counted, nor quoted in a snippet. A pseudonymous post names its author
only by its pseudonym: searching by the author's handle never finds it."""

from dataclasses import dataclass, replace

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField, Q, QuerySet, TextField, Value
from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from network import page_cache
from network.forums import selectors
from network.forums.models import Post, search_config
from network.page_cache import ALL_PARTS, visitor_page

MAX_QUERY_LENGTH = 200
# A snippet is cut from the start of the body: enough for any real message, bounded for a pasted book.
SNIPPET_SOURCE_CHARACTERS = 6000
SORTS = [("relevance", _("Best match")), ("newest", _("Newest first"))]
# ts_rank's weights for D, C, B, A: a title word counts far above a word of the body.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]


def _configs() -> dict[str, list[str]]:
    """{dictionary: the languages of posts it reads}: posts are written in the site's languages only."""
    configs: dict[str, list[str]] = {}
    for code, _name in settings.LANGUAGES:
        configs.setdefault(search_config(code), []).append(code)
    return configs


_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))
# ts_headline's options, one literal: the marks around each hit, and how long a snippet of a body is.
BODY_HEADLINE = 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
TITLE_HEADLINE = "StartSel=<mark>, StopSel=</mark>, HighlightAll=true"


class _Written(Expression):
    """An SQL fragment written once, its columns named as expressions (`{vector}`, `{language}`, `{body}`,
    `{title}`) and its values as parameters. The search's expressions cover every dictionary and escape five
    characters: as the ORM's nested `Case`/`When`/`Replace`/`SearchRank` nodes they cost more to build and compile,
    on every request, than the query costs to run; as one node, a few columns to compile."""

    def __init__(self, template: str, params: list, output_field, **columns):
        super().__init__(output_field=output_field)
        self.template, self.params, self.columns = template, list(params), columns

    def get_source_expressions(self):
        return list(self.columns.values())

    def set_source_expressions(self, expressions):
        self.columns = dict(zip(self.columns, expressions, strict=True))

    def as_sql(self, compiler, connection):
        named = {}
        for name, column in self.columns.items():
            sql, params = compiler.compile(column)
            if params:  # a column's SQL holds no value; were it to, the parameters' order would be wrong
                raise ValueError(f"{name} compiled with parameters")
            named[name] = sql
        return f"({self.template.format(**named)})", list(self.params)


def _escaped(sql: str, params: list) -> tuple[str, list]:
    """The text with HTML's special characters escaped, in SQL: highlight marks are added to escaped text only, so
    a snippet holds no markup but theirs."""
    for character, entity in _ESCAPES:
        sql, params = f"REPLACE({sql}, %s, %s)", [*params, character, entity]
    return sql, params


def _per_language(make) -> tuple[str, list]:
    """SQL computing `make(config)` with the dictionary of each post's own language."""
    whens, params = [], []
    for config, codes in _configs().items():
        sql, made = make(config)
        whens.append(f"WHEN {{language}} IN ({', '.join(['%s'] * len(codes))}) THEN {sql}")
        params += [*codes, *made]
    sql, made = make(search_config(""))
    return f"CASE {' '.join(whens)} ELSE {sql} END", params + made


def _query_sql(text: str, config: str) -> tuple[str, list]:
    # Websearch syntax: "a phrase", OR, -word.
    return "websearch_to_tsquery(%s::regconfig, %s)", [config, text]


def _rank(text: str) -> _Written:
    # In double precision: ts_rank's real would come back rounded, and a page's cursor must compare exactly.
    weights = "{" + ",".join(str(weight) for weight in RANK_WEIGHTS) + "}"

    def make(config):
        query, params = _query_sql(text, config)
        return f"ts_rank(%s::float4[], {{vector}}, {query})", [weights, *params]

    sql, params = _per_language(make)
    return _Written(
        f"({sql})::double precision", params, FloatField(), language=F("language"), vector=F("search_vector")
    )


def _headline(text: str, source: tuple[str, list], options: str) -> tuple[str, list]:
    def make(config):
        query, params = _query_sql(text, config)
        return f"ts_headline(%s::regconfig, {source[0]}, {query}, %s)", [config, *source[1], *params, options]

    return _per_language(make)


def matching(text: str) -> _Written:
    """Posts whose vector holds the words, each read by its own language's dictionary: one condition per
    dictionary, so that Postgres answers each from the GIN index on the vector."""
    conditions, params = [], []
    for config, codes in _configs().items():
        query, made = _query_sql(text, config)
        conditions.append(f"({{language}} IN ({', '.join(['%s'] * len(codes))}) AND {{vector}} @@ {query})")
        params += [*codes, *made]
    return _Written(" OR ".join(conditions), params, BooleanField(), language=F("language"), vector=F("search_vector"))


def search_posts(user, *, sort: str = "relevance", **criteria) -> QuerySet[Post]:
    """The posts `user` may read that match, best first (or newest first), each with `rank`, a highlighted
    `snippet` of its body and `title_snippet` of its topic's title (both escaped HTML with <mark>)."""
    return _listed(matches(user, **criteria), criteria.get("text", ""), sort)


def matches(
    user,
    *,
    text: str = "",
    forum: str = "",
    practice: str = "",
    city: str = "",
    author: str = "",
    since=None,
    until=None,
) -> QuerySet[Post]:
    """The posts `user` may read that the words and filters find, in no order and with nothing more: what the
    counts read (no join to a topic a filter does not name)."""
    posts = selectors.posts_visible(user)
    if forum:
        posts = posts.filter(topic__forum__slug=forum)
    if practice:
        posts = posts.filter(topic__practice__slug=practice)
    if city:
        posts = posts.filter(topic__city__slug=city)
    if author:
        # A handle finds the posts signed with it, never the pseudonymous ones of the same person; a pseudonym
        # finds the posts that show it.
        posts = posts.filter(Q(pseudonym="", author__handle__iexact=author) | Q(pseudonym__iexact=author))
    if since:
        posts = posts.filter(created_at__date__gte=since)
    if until:
        posts = posts.filter(created_at__date__lte=until)
    text = text.strip()
    return posts.filter(matching(text)) if text else posts


def _listed(posts: QuerySet[Post], text: str, sort: str) -> QuerySet[Post]:
    """The posts found, with their rank and snippets, in the order their pages list them."""
    text = text.strip()
    if not text:
        return posts.annotate(
            rank=Value(0.0, output_field=FloatField()),
            snippet=_Written(*_escaped("LEFT({body}, %s)", [300]), TextField(), body=F("body")),
            title_snippet=_Written(*_escaped("{title}", []), TextField(), title=F("topic__title")),
        ).order_by("-created_at", "-id")
    body = _escaped("LEFT({body}, %s)", [SNIPPET_SOURCE_CHARACTERS])
    posts = posts.annotate(
        rank=_rank(text),
        snippet=_Written(*_headline(text, body, BODY_HEADLINE), TextField(), language=F("language"), body=F("body")),
        title_snippet=_Written(
            *_headline(text, _escaped("{title}", []), TITLE_HEADLINE),
            TextField(),
            language=F("language"),
            title=F("topic__title"),
        ),
    )
    if sort == "newest":
        return posts.order_by("-created_at", "-id")
    return posts.order_by("-rank", "-id")


class PostSearchForm(forms.Form):
    """What the search page and the API accept. Filters name things by slug or handle; one that names nothing the
    person may read finds nothing, exactly as one that names nothing at all (so a private forum's slug tells
    nothing)."""

    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)
    # A slug, drawn as a list of the forums the person may read: any other finds nothing, so the form answers
    # the same whether a private forum exists or not.
    forum = forms.SlugField(label=_("Forum"), max_length=120, required=False, widget=forms.Select)
    practice = forms.SlugField(label=_("Practice"), max_length=200, required=False, allow_unicode=False)
    city = forms.SlugField(label=_("City"), max_length=220, required=False)
    author = forms.CharField(
        label=_("Author"),
        max_length=60,
        required=False,
        help_text=_("A handle, or a pseudonym as it shows on a post."),
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].widget.choices = [("", _("Any forum"))] + [
            (forum.slug, forum.name) for forum in selectors.forums_visible(user).only("slug", "name")
        ]

    def has_criteria(self) -> bool:
        data = self.cleaned_data
        return any(data.get(name) for name in ("q", "forum", "practice", "city", "author", "since", "until"))

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "forum": data.get("forum") or "",
            "practice": data.get("practice") or "",
            "city": data.get("city") or "",
            "author": (data.get("author") or "").strip(),
            "since": data.get("since"),
            "until": data.get("until"),
            "sort": data.get("sort") or "relevance",
        }


RESULTS_PER_PAGE = 20
# Counting stops past this many posts: the page then says "more than", and its numbered pages end there (a
# narrower search reaches the rest). A full count would read every matching post once more, however many match.
COUNT_LIMIT = 1000
# A broad search (more than `COUNT_LIMIT` posts found) ranks by best match the posts among the newest this many of
# the network only: ranking reads every post it ranks, so it then costs what this window holds, not what the whole
# history holds. A narrower search (words, filters) ranks every post it finds.
RECENT_POSTS = 100_000
# The newest post's id as this process last read it (each ranked search reads it again): the window's lower edge is
# a number in the query, so that Postgres reads the window by the primary key's index rather than every match.
_newest_seen: int | None = None


@dataclass(frozen=True)
class Found:
    """A search's posts in the order its pages list them, how many (at most `COUNT_LIMIT`), whether more were
    found, and whether, being more, the posts listed are the best matches among the most recent posts only."""

    posts: QuerySet[Post]
    count: int
    more: bool
    recent_only: bool = False


def count_found(posts: QuerySet[Post]) -> tuple[int, bool]:
    """How many of these posts there are, reading no more than `COUNT_LIMIT` + 1 of them: (the count, at most
    `COUNT_LIMIT`; whether more were found)."""
    found = posts.order_by().values("pk")[: COUNT_LIMIT + 1].count()
    return min(found, COUNT_LIMIT), found > COUNT_LIMIT


def _bounded_count(posts: QuerySet[Post]) -> tuple[str, tuple]:
    sql, params = posts.order_by().values("pk")[: COUNT_LIMIT + 1].query.sql_with_params()
    # The ORM's own SQL, its values left as parameters.
    return f"SELECT COUNT(*) FROM ({sql}) found", params  # noqa: S608


def find(user, arguments: dict) -> Found:
    """The posts a search finds for `user` (`arguments` as `PostSearchForm.arguments()` gives them), counted in one
    statement: every match and the matches among the most recent posts, each up to `COUNT_LIMIT` + 1, with the
    newest post's id for the next search. Ranked by best match, a search that finds more than `COUNT_LIMIT` posts
    lists those of the `RECENT_POSTS` newest (unless fewer than a page of them match: then every match)."""
    global _newest_seen
    criteria = {name: value for name, value in arguments.items() if name != "sort"}
    found = matches(user, **criteria)
    posts = _listed(found, arguments["text"], arguments["sort"])
    if not arguments["text"] or arguments["sort"] != "relevance":
        count, more = count_found(found)
        return Found(posts, count, more)
    edge = None if _newest_seen is None else _newest_seen - RECENT_POSTS
    window = edge is not None and edge > 0
    recent = posts.filter(pk__gt=edge) if window else None
    every_sql, every_params = _bounded_count(found)
    recent_sql, recent_params = _bounded_count(found.filter(pk__gt=edge)) if window else ("SELECT NULL", ())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({every_sql}), ({recent_sql}), (SELECT MAX(id) FROM {Post._meta.db_table})",  # noqa: S608
            (*every_params, *recent_params),
        )
        every, among_recent, _newest_seen = cursor.fetchone()
    if every > COUNT_LIMIT and recent is not None and among_recent >= RESULTS_PER_PAGE:
        return Found(recent, min(among_recent, COUNT_LIMIT), more=True, recent_only=True)
    return Found(posts, min(every, COUNT_LIMIT), more=every > COUNT_LIMIT)


class FoundPaginator(Paginator):
    """Numbered pages over the posts a search found (no further than the `COUNT_LIMIT`th), counted already."""

    def __init__(self, found: Found, per_page):
        super().__init__(found.posts, per_page)
        self.found = found

    @cached_property
    def count(self) -> int:
        return self.found.count


@visitor_page(parts=ALL_PARTS)
@require_GET
def search_page(request):
    """The search page: the form, and the results once something is asked (numbered pages, a count of the posts
    found among those the person may read).

    What it shows below the site's frame is drawn from the address and from what the person may read only: it is
    kept in the shared cache for every reader of the same class (`selectors.reading_class`), under the versions of
    the parts it shows, so a signed-in member's search is searched and rendered once for all the members who read
    the same forums, and any change to the posts, the topics, the forums or the handles shows on the next request."""
    kept = page_cache.kept_fragments(
        "forums-search",
        ALL_PARTS,
        (*selectors.reading_class(request.user), page_cache.query_key(request)),
        ["content"],
        lambda _missing: {"content": _content(request.GET, request.user)},
    )
    content, searching, status = kept["content"]
    return render(request, "forums/search.html", {"content": content, "searching": searching}, status=status)


def _content(query: QueryDict, user) -> tuple[str, bool, int]:
    """The page below the frame for this address and this reader's class: (its HTML, whether it lists results, the
    status to answer with)."""
    form = PostSearchForm(query if query else None, user=user)
    page = None
    searching = form.is_bound and form.is_valid() and form.has_criteria()
    if searching:
        found = find(user, form.arguments())
        found = replace(found, posts=found.posts.select_related("topic__forum", "author"))
        page = FoundPaginator(found, RESULTS_PER_PAGE).get_page(query.get("page"))
        for post in page:
            post.label = selectors.author_label(post)
    kept_query = query.copy()
    kept_query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "searching": searching,
        "page_query": kept_query.urlencode(),
        "count_limit": COUNT_LIMIT,
        "inverted_period": searching and _inverted(form.cleaned_data),
    }
    # Rendered without the request: nothing of the person who asked first can come into it.
    content = render_to_string("forums/_search_content.html", context)
    return content, searching, 400 if form.is_bound and form.errors else 200


def _inverted(data: dict) -> bool:
    return bool(data.get("since") and data.get("until") and data["until"] < data["since"])
