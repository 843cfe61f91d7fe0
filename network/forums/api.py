"""The forums' API: forums, topics and posts read with the pages' visibility and written through the pages'
services (so with the same permissions, new-account limits and rate limits), reactions, reports, read state, the
post search, and the moderators' moves as explicit actions.

Answers: 400 with field errors for bad input, 401 for a visitor who must sign in, 403 for a move the rules refuse
this person (a moderator's move made with an API token among them), 404 for what the person may not read, 409 for a
move the topic's or post's state does not allow now, 429 (with Retry-After) past a rate limit. Lists are keyset
pages: `next` is the address of the following page, or null."""

import base64
import binascii
import json
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Case, F, Q, QuerySet, When
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from cities.models import City
from network.accounts.second_factor import signed_in_by_api_token
from network.api_schema import CONFLICT, NOT_FOUND
from network.forums import selectors, services
from network.forums.errors import ForumConflict, ForumError, ForumNotFound, ForumRateLimited
from network.forums.models import Access, Forum, Post, ReadState, SanctionKind, Topic
from network.forums.search import PostSearchForm, find
from network.forums.serializers import (
    EditInputSerializer,
    ForumOutputSerializer,
    ForumPageSerializer,
    PostOutputSerializer,
    PostPageSerializer,
    ReactionInputSerializer,
    ReactionsOutputSerializer,
    ReadInputSerializer,
    ReasonInputSerializer,
    ReplyInputSerializer,
    ReportInputSerializer,
    ReportOutputSerializer,
    SanctionInputSerializer,
    SanctionOutputSerializer,
    SearchPageSerializer,
    SearchResultSerializer,
    SuspensionInputSerializer,
    TopicInputSerializer,
    TopicMoveInputSerializer,
    TopicOutputSerializer,
    TopicPageSerializer,
)
from practices.models import Practice, PracticeStatus

FORUMS_PER_PAGE = 50
SEARCH_RESULTS_PER_PAGE = 20
MODERATOR_MOVES_BY_TOKEN = (
    "A moderator's move is made in a browser session, never with an API token: a token acts as a participant."
)

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
# Any text but the NUL character, which every request refuses (network/input_limits.py).
TEXT_PATTERN = r"^[^\x00]*$"


def _parameter(name: str, schema: dict, description: str = "") -> OpenApiParameter:
    return OpenApiParameter(name, schema, description=description)


CURSOR = _parameter(
    "cursor",
    {"type": "string", "pattern": r"^[A-Za-z0-9_=-]+$", "maxLength": 400},
    "The page after the one whose `next` gave it; a cursor that is not one answers 404.",
)
FROM = _parameter(
    "from",
    {"type": "integer", "minimum": 1, "maximum": 999_999_999},
    "The number of the first post of the page (1 is the opening post).",
)


def _not_found(message: str = "No such object visible to you.") -> exceptions.NotFound:
    return exceptions.NotFound(message)


def _refusal(error: ForumError):
    """The API's answer to a service's refusal."""
    if isinstance(error, ForumRateLimited):
        return exceptions.Throttled(wait=error.retry_after, detail=str(error))
    if isinstance(error, ForumNotFound):
        return _not_found()
    return exceptions.PermissionDenied(str(error))


def _call(request, service, **arguments):
    """Run a service as the request's person: its refusals become the API's answers (409 for a move the state does
    not allow, 400 with field errors for invalid input)."""
    try:
        return service(actor=request.user, **arguments), None
    except ValidationError as error:
        body = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        return None, Response(body, status=status.HTTP_400_BAD_REQUEST)
    except ForumConflict as error:
        return None, Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
    except ForumError as error:
        raise _refusal(error) from None


def _client_address(request) -> str:
    # The address as the API's throttles see it (honouring TRUSTED_PROXY_COUNT); the services keep only its hash.
    return BaseThrottle().get_ident(request)


# --- Keyset pages ---------------------------------------------------------------------------------------------


class Keyset:
    """Pages of a queryset in a fixed order, each after the last row of the one before: the cursor holds that
    row's values of the ordering's fields (a page costs the same whatever its depth)."""

    def __init__(self, *ordering: str):
        self.ordering = ordering
        self.fields = [name.lstrip("-") for name in ordering]

    def encode(self, row) -> str:
        values = []
        for name in self.fields:
            value = getattr(row, name)
            values.append({"t": value.isoformat()} if isinstance(value, datetime) else value)
        raw = json.dumps(values, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> list:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            values = json.loads(raw)
        except (binascii.Error, ValueError):
            raise _not_found("No such page.") from None
        if not isinstance(values, list) or len(values) != len(self.fields):
            raise _not_found("No such page.")
        decoded = []
        for value in values:
            if isinstance(value, dict):
                when = parse_datetime(value.get("t", "")) if isinstance(value.get("t"), str) else None
                if when is None:
                    raise _not_found("No such page.")
                value = when
            elif not isinstance(value, int | float | str | bool) or (isinstance(value, str) and len(value) > 300):
                raise _not_found("No such page.")
            decoded.append(value)
        return decoded

    def after(self, queryset: QuerySet, cursor: str) -> QuerySet:
        values = self.decode(cursor)
        condition = Q()
        for index, name in enumerate(self.ordering):
            field = self.fields[index]
            step = Q(**{f"{field}__lt" if name.startswith("-") else f"{field}__gt": values[index]})
            for earlier in range(index):
                step &= Q(**{self.fields[earlier]: values[earlier]})
            condition |= step
        return queryset.filter(condition)

    def page(self, request, queryset: QuerySet, limit: int) -> tuple[list, str | None]:
        cursor = request.query_params.get("cursor", "")
        if cursor:
            queryset = self.after(queryset, cursor)
        rows = list(queryset.order_by(*self.ordering)[: limit + 1])
        page = rows[:limit]
        if len(rows) <= limit:
            return page, None
        query = request.query_params.copy()
        query["cursor"] = self.encode(page[-1])
        return page, request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


# --- Forums ---------------------------------------------------------------------------------------------------


def _feed(request, forum: Forum, name: str, *args) -> str | None:
    if forum.access != Access.PUBLIC:
        return None
    return request.build_absolute_uri(reverse(f"forums:{name}", args=args))


def _forum_rows(request, forums) -> list[Forum]:
    user = request.user
    for forum in forums:
        forum.readable = selectors.can_read(user, forum)
        forum.can_post = selectors.can_post(user, forum)
        forum.feed = _feed(request, forum, "forum_feed", forum.slug)
    return forums


class ForumListApi(APIView):
    """The forums: those you may read, and the working groups whose existence is public (their content, counts
    included, is withheld: `readable` is false)."""

    permission_classes = [AllowAny]
    keyset = Keyset("position", "name", "id")

    @extend_schema(
        operation_id="forums_list", parameters=[CURSOR], responses={200: ForumPageSerializer, 404: NOT_FOUND}
    )
    def get(self, request):
        forums, following = self.keyset.page(request, selectors.forums_listed(request.user), FORUMS_PER_PAGE)
        rows = ForumOutputSerializer(_forum_rows(request, forums), many=True).data
        return Response({"next": following, "results": rows})


def _forum(request, slug: str) -> Forum:
    try:
        return selectors.forum_for(request.user, slug)
    except ForumNotFound:
        raise _not_found() from None


class ForumDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="forums_retrieve", responses=ForumOutputSerializer)
    def get(self, request, slug: str):
        forum = _forum(request, slug)
        return Response(ForumOutputSerializer(_forum_rows(request, [forum])[0]).data)


# --- Topics ---------------------------------------------------------------------------------------------------


def _topic_rows(request, topics: list[Topic]) -> list[Topic]:
    """Each topic with `author_label` (the opening post's, so a pseudonym for a pseudonymous topic), `unread` and
    `feed`: one query for the labels of the whole page."""
    labels = dict(
        Post.objects.filter(topic_id__in=[topic.pk for topic in topics], number=1)
        .annotate(label=Case(When(pseudonym="", then=F("author__handle")), default=F("pseudonym")))
        .values_list("topic_id", "label")
    )
    for topic in topics:
        topic.author_label = labels.get(topic.pk, "")
        topic.unread = (
            None
            if getattr(topic, "last_read_number", None) is None
            else max(topic.last_post_number - topic.last_read_number, 0)
        )
        topic.feed = _feed(request, topic.forum, "topic_feed", topic.pk)
    return topics


def _topic(request, pk: int) -> Topic:
    try:
        return selectors.topic_for(request.user, pk)
    except ForumNotFound:
        raise _not_found() from None


def _topic_answer(request, pk: int) -> Response:
    topic = _topic(request, pk)
    topic.last_read_number = None
    if request.user.is_authenticated:
        topic.last_read_number = (
            ReadState.objects.filter(user=request.user, topic=topic).values_list("last_read_number", flat=True).first()
        )
    return Response(TopicOutputSerializer(_topic_rows(request, [topic])[0]).data)


class ForumTopicListApi(APIView):
    """A forum's topics, pinned first and then by latest activity, with your unread counts. POST starts a topic
    (you must be allowed to post in the forum; a new account's first-day allowance and the rate limit apply)."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(operation_id="forums_topics_list", parameters=[CURSOR], responses={200: TopicPageSerializer})
    def get(self, request, slug: str):
        forum = _forum(request, slug)
        if not selectors.can_read(request.user, forum):
            raise exceptions.PermissionDenied("Only the working group's members read its topics.")
        cursor = request.query_params.get("cursor", "")
        if cursor and selectors.decode_cursor(cursor) is None:
            raise _not_found("No such page.")
        page = selectors.topics_for_forum(forum, request.user, after=cursor or None, limit=selectors.TOPICS_PER_PAGE)
        for topic in page.topics:
            topic.forum = forum
        following = None
        if page.next_cursor:
            following = request.build_absolute_uri(f"{request.path}?{urlencode({'cursor': page.next_cursor})}")
        rows = TopicOutputSerializer(_topic_rows(request, page.topics), many=True).data
        return Response({"next": following, "results": rows})

    @extend_schema(
        operation_id="forums_topics_create", request=TopicInputSerializer, responses={201: TopicOutputSerializer}
    )
    def post(self, request, slug: str):
        forum = _forum(request, slug)
        serializer = TopicInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        errors = {}
        practice = city = None
        if data["practice"]:
            practice = Practice.objects.filter(slug=data["practice"], status=PracticeStatus.PUBLISHED).first()
            if practice is None:
                errors["practice"] = ["No published practice has this slug."]
        if data["city"]:
            city = City.objects.filter(slug=data["city"]).first()
            if city is None:
                errors["city"] = ["No city has this slug."]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        topic, refused = _call(
            request,
            services.topic_start,
            forum=forum,
            title=data["title"],
            body=data["body"],
            language=data["language"],
            pseudonymous=data["pseudonymous"],
            practice=practice,
            city=city,
            ip=_client_address(request),
        )
        if refused:
            return refused
        response = _topic_answer(request, topic.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class TopicDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="forums_topic_retrieve", responses=TopicOutputSerializer)
    def get(self, request, pk: int):
        return _topic_answer(request, pk)


# --- Posts ----------------------------------------------------------------------------------------------------


def _post_rows(request, posts: list[Post], forum: Forum) -> list[Post]:
    """What each post shows: a deleted or removed one, and a hidden one to those who neither moderate the forum nor
    wrote it, keep their place with no body."""
    moderates = selectors.can_moderate(request.user, forum)
    for post in posts:
        post.pseudonymous = bool(post.pseudonym)
        post.deleted = post.is_gone
        if post.is_gone or (post.hidden and not moderates and not selectors.is_own(request.user, post)):
            post.body = post.body_html = ""
        post.reaction_tally = {kind: count for kind, _label, count in post.reaction_counts}
        post.my_reactions = sorted(post.my_reactions)
    return posts


def _post_answer(request, pk: int) -> Response:
    post = _post(request, pk)
    page = selectors.posts_for_topic(post.topic, request.user, from_number=post.number, limit=1)
    return Response(PostOutputSerializer(_post_rows(request, page.posts, post.topic.forum)[0]).data)


def _post(request, pk: int) -> Post:
    try:
        return selectors.post_for(request.user, pk)
    except ForumNotFound:
        raise _not_found() from None


class TopicPostListApi(APIView):
    """A topic's posts by number (`from`: the first number of the page). POST replies (you must be allowed to post
    in the forum, the topic open; a new account's first-day allowance and the rate limit apply)."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(operation_id="forums_topic_posts_list", parameters=[FROM], responses={200: PostPageSerializer})
    def get(self, request, pk: int):
        topic = _topic(request, pk)
        value = request.query_params.get("from", "1") or "1"
        if not value.isascii() or not value.isdigit() or len(value) > 9 or int(value) < 1:
            raise exceptions.ValidationError({"from": ["A post number is a whole number from 1."]})
        if int(value) > topic.last_post_number:
            raise _not_found("No such page.")
        page = selectors.posts_for_topic(topic, request.user, from_number=int(value), limit=selectors.POSTS_PER_PAGE)
        following = None
        if page.next_from:
            following = request.build_absolute_uri(f"{request.path}?{urlencode({'from': page.next_from})}")
        rows = PostOutputSerializer(_post_rows(request, page.posts, topic.forum), many=True).data
        return Response({"next": following, "results": rows})

    @extend_schema(
        operation_id="forums_topic_posts_create", request=ReplyInputSerializer, responses={201: PostOutputSerializer}
    )
    def post(self, request, pk: int):
        topic = _topic(request, pk)
        serializer = ReplyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        quote = None
        if data["quote_of"] is not None:
            quote = selectors.posts_visible(request.user).filter(pk=data["quote_of"], topic=topic).first()
            if quote is None:
                return Response(
                    {"quote_of": ["No post of this topic that you may read has this id."]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        post, refused = _call(
            request,
            services.post_reply,
            topic=topic,
            body=data["body"],
            language=data["language"],
            pseudonymous=data["pseudonymous"],
            quote_of=quote,
            ip=_client_address(request),
        )
        if refused:
            return refused
        response = _post_answer(request, post.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class TopicReadApi(APIView):
    """Mark the topic read up to a post number (the unread counts of the topic lists follow)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="forums_topic_read", request=ReadInputSerializer, responses={204: None})
    def post(self, request, pk: int):
        topic = _topic(request, pk)
        serializer = ReadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.read_mark(user=request.user, topic=topic, number=serializer.validated_data["number"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostDetailApi(APIView):
    """One post. PATCH edits your own post (its earlier text stays in its history); DELETE deletes it (its number
    stays, with no body)."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(operation_id="forums_post_retrieve", responses=PostOutputSerializer)
    def get(self, request, pk: int):
        return _post_answer(request, pk)

    @extend_schema(
        operation_id="forums_post_edit",
        request=EditInputSerializer,
        responses={200: PostOutputSerializer, 409: CONFLICT},
    )
    def patch(self, request, pk: int):
        post = _post(request, pk)
        serializer = EditInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _done, refused = _call(request, services.post_edit, post=post, body=serializer.validated_data["body"])
        return refused or _post_answer(request, pk)

    @extend_schema(operation_id="forums_post_delete", request=None, responses={204: None, 409: CONFLICT})
    def delete(self, request, pk: int):
        post = _post(request, pk)
        _done, refused = _call(request, services.post_delete, post=post)
        return refused or Response(status=status.HTTP_204_NO_CONTENT)


def _reactions(request, post: Post) -> dict:
    page = selectors.posts_for_topic(post.topic, request.user, from_number=post.number, limit=1)
    row = _post_rows(request, page.posts, post.topic.forum)[0]
    return {"reactions": row.reaction_tally, "my_reactions": row.my_reactions}


class PostReactionsApi(APIView):
    """A post's reactions, counted per kind (who reacted is never listed). POST toggles one of yours."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(operation_id="forums_post_reactions_list", responses=ReactionsOutputSerializer)
    def get(self, request, pk: int):
        return Response(_reactions(request, _post(request, pk)))

    @extend_schema(
        operation_id="forums_post_reactions_toggle",
        request=ReactionInputSerializer,
        responses={200: ReactionsOutputSerializer, 409: CONFLICT},
    )
    def post(self, request, pk: int):
        post = _post(request, pk)
        serializer = ReactionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _done, refused = _call(request, services.reaction_toggle, post=post, kind=serializer.validated_data["kind"])
        return refused or Response(_reactions(request, post))


class PostReportApi(APIView):
    """Report a post to its forum's moderators, with a reason; once per person and post. Three people's reports
    hide it until a moderator looks."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="forums_post_report",
        request=ReportInputSerializer,
        responses={201: ReportOutputSerializer, 409: CONFLICT},
    )
    def post(self, request, pk: int):
        post = _post(request, pk)
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report, refused = _call(request, services.post_report, post=post, **serializer.validated_data)
        return refused or Response(ReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


# --- Moderators' moves ----------------------------------------------------------------------------------------


class ModeratorMoveApi(APIView):
    """A moderator's move: made by a forum's moderators, or staff, in a browser session (staff with the second
    factor passed); never with an API token."""

    permission_classes = [IsAuthenticated]
    input_serializer = ReasonInputSerializer
    service = None

    def _refuse_tokens(self, request) -> None:
        if signed_in_by_api_token(request.user):
            raise exceptions.PermissionDenied(MODERATOR_MOVES_BY_TOKEN)

    def _check(self, request, forum: Forum) -> None:
        if not selectors.can_moderate(request.user, forum):
            raise exceptions.PermissionDenied("Only the forum's moderators and network staff make this move.")

    def _arguments(self, request) -> dict:
        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class PostMoveApi(ModeratorMoveApi):
    def post(self, request, pk: int):
        self._refuse_tokens(request)
        post = _post(request, pk)
        self._check(request, post.topic.forum)
        _done, refused = _call(request, type(self).service, post=post, **self._arguments(request))
        return refused or _post_answer(request, pk)


class TopicMoveApi(ModeratorMoveApi):
    def post(self, request, pk: int):
        self._refuse_tokens(request)
        topic = _topic(request, pk)
        self._check(request, topic.forum)
        arguments = self._arguments(request)
        if "forum" in arguments:
            target = Forum.objects.filter(slug=arguments["forum"]).first()
            if target is None or not selectors.can_moderate(request.user, target):
                return Response(
                    {"forum": ["No forum that you moderate has this slug."]}, status=status.HTTP_400_BAD_REQUEST
                )
            arguments["forum"] = target
        _done, refused = _call(request, type(self).service, topic=topic, **arguments)
        return refused or _topic_answer(request, pk)


def _move_view(base, move: str, service, description: str, input_serializer=ReasonInputSerializer):
    """One endpoint per move, each documented with its own body and answers."""
    output = PostOutputSerializer if base is PostMoveApi else TopicOutputSerializer

    @extend_schema(
        operation_id=f"forums_{'posts' if base is PostMoveApi else 'topics'}_{move}",
        description=description,
        request=input_serializer,
        responses={200: output, 409: CONFLICT},
    )
    def post(self, request, pk: int):
        return base.post(self, request, pk)

    return type(
        f"{'Post' if base is PostMoveApi else 'Topic'}{move.title()}Api",
        (base,),
        {"post": post, "service": staticmethod(service), "input_serializer": input_serializer, "__doc__": description},
    )


POST_MOVES = {
    "hide": _move_view(PostMoveApi, "hide", services.post_hide, "Hide a post until a moderator restores it."),
    "restore": _move_view(PostMoveApi, "restore", services.post_restore, "Show a hidden post again."),
    "remove": _move_view(PostMoveApi, "remove", services.post_remove, "Remove a post (its number stays)."),
}
TOPIC_MOVES = {
    "lock": _move_view(TopicMoveApi, "lock", services.topic_lock, "Lock a topic: no more replies."),
    "unlock": _move_view(TopicMoveApi, "unlock", services.topic_unlock, "Unlock a topic."),
    "pin": _move_view(TopicMoveApi, "pin", services.topic_pin, "Pin a topic to the top of its forum."),
    "unpin": _move_view(TopicMoveApi, "unpin", services.topic_unpin, "Unpin a topic."),
    "close": _move_view(TopicMoveApi, "close", services.topic_close, "Close a topic: its discussion is over."),
    "reopen": _move_view(TopicMoveApi, "reopen", services.topic_reopen, "Reopen a closed topic."),
    "move": _move_view(
        TopicMoveApi,
        "move",
        services.topic_move,
        "Move a topic to another forum you moderate.",
        input_serializer=TopicMoveInputSerializer,
    ),
}


class PostSanctionApi(ModeratorMoveApi):
    """A sanction of a post's author, who is named only as the post names them (a pseudonymous author stays so):
    in the post's forum, or (staff only, `everywhere`) in every forum. The reason is required; the person is told
    and the decision is in the audit log."""

    kind = ""

    def post(self, request, pk: int):
        self._refuse_tokens(request)
        post = _post(request, pk)
        forum = post.topic.forum
        self._check(request, forum)
        arguments = self._arguments(request)
        scope = None if arguments.pop("everywhere") else forum
        service = {
            SanctionKind.WARN: services.member_warn,
            SanctionKind.SUSPEND: services.member_suspend,
            SanctionKind.BAN: services.member_ban,
        }[type(self).kind]
        sanction, refused = _call(request, service, user=post.author, forum=scope, **arguments)
        if refused:
            return refused
        sanction.post = post.pk
        return Response(SanctionOutputSerializer(sanction).data, status=status.HTTP_201_CREATED)


def _sanction_view(kind: str, description: str, input_serializer=SanctionInputSerializer):
    @extend_schema(
        operation_id=f"forums_posts_{kind}",
        description=description,
        request=input_serializer,
        responses={201: SanctionOutputSerializer, 409: CONFLICT},
    )
    def post(self, request, pk: int):
        return PostSanctionApi.post(self, request, pk)

    return type(
        f"Post{kind.title()}Api",
        (PostSanctionApi,),
        {"post": post, "kind": kind, "input_serializer": input_serializer, "__doc__": description},
    )


SANCTIONS = {
    "warn": _sanction_view(SanctionKind.WARN, "Warn a post's author; the warning is kept and they are told why."),
    "suspend": _sanction_view(
        SanctionKind.SUSPEND,
        "Suspend a post's author from posting for 1 to 365 days.",
        input_serializer=SuspensionInputSerializer,
    ),
    "ban": _sanction_view(SanctionKind.BAN, "Ban a post's author from posting; 409 if they already are."),
}


# --- Search ---------------------------------------------------------------------------------------------------

SEARCH_PARAMETERS = [
    _parameter("q", {"type": "string", "maxLength": 200, "pattern": TEXT_PATTERN}, 'Words; "a phrase", OR, -word.'),
    _parameter("forum", {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 120}, "A forum's slug."),
    _parameter("practice", {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 200}, "A practice's slug."),
    _parameter("city", {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 220}, "A city's slug."),
    _parameter(
        "author",
        {"type": "string", "maxLength": 60, "pattern": TEXT_PATTERN},
        "A handle, or a pseudonym as a post shows it.",
    ),
    _parameter("since", {"type": "string", "format": "date"}, "Posted on or after this day."),
    _parameter("until", {"type": "string", "format": "date"}, "Posted on or before this day."),
    _parameter("sort", {"type": "string", "enum": ["relevance", "newest"]}),
    CURSOR,
]


class PostSearchApi(APIView):
    """Search the posts you may read (a private forum's posts are neither found nor counted), best match first,
    each with a highlighted snippet; filters as on the search page. A pseudonymous post is found by its pseudonym,
    never by its author's handle."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="forums_search",
        parameters=SEARCH_PARAMETERS,
        responses={200: SearchPageSerializer, 404: NOT_FOUND},
    )
    def get(self, request):
        form = PostSearchForm(request.query_params, user=request.user)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            return Response(
                {field: [error["message"] for error in messages] for field, messages in errors.items()},
                status=status.HTTP_400_BAD_REQUEST,
            )
        arguments = form.arguments()
        found = find(request.user, arguments)
        keyset = Keyset("-created_at", "-id") if arguments["sort"] == "newest" or not arguments["text"] else None
        keyset = keyset or Keyset("-rank", "-id")
        posts = found.posts.select_related("topic__forum", "author")
        page, following = keyset.page(request, posts, SEARCH_RESULTS_PER_PAGE)
        for post in page:
            post.label = selectors.author_label(post)
            post.pseudonymous = bool(post.pseudonym)
        return Response(
            {
                "count": found.count,
                "more_than_count": found.more,
                "recent_only": found.recent_only,
                "next": following,
                "results": SearchResultSerializer(page, many=True).data,
            }
        )
