"""Every read of the forums, with the reader's visibility applied. The permission questions live in
`permissions` and are re-exported here under the names the other parts call."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value

from network.accounts.permissions import is_participant
from network.forums.errors import ForumNotFound
from network.forums.models import (
    Access,
    Block,
    Forum,
    ForumMember,
    MemberRole,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadState,
    Report,
    Sanction,
    Topic,
)
from network.forums.permissions import (
    can_manage_forums,
    can_manage_members,
    can_moderate,
    can_post,
    can_read,
    can_see_listing,
    can_unmask,
    is_staff_moderator,
    memberships,
)
from network.notifications.models import Follow

__all__ = [
    "can_manage_forums",
    "can_manage_members",
    "can_moderate",
    "can_post",
    "can_read",
    "can_see_listing",
    "can_unmask",
]

TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20


# --- Who is named how ------------------------------------------------------------------------------------------


def author_label(post: Post) -> str:
    """How a post names its author to anyone but staff unmasking it: the per-topic pseudonym, or the handle. The
    only way any page, API, feed, notification, search result or export names the author of someone else's post."""
    return post.pseudonym or post.author.handle


# --- Forums ----------------------------------------------------------------------------------------------------


def _moderated_forum_ids(user) -> list[int]:
    return [forum_id for forum_id, role in memberships(user).items() if role == MemberRole.MODERATOR]


def forums_visible(user) -> QuerySet[Forum]:
    """Forums whose content the user may read."""
    forums = Forum.objects.all()
    if is_staff_moderator(user):
        return forums
    readable = Q(access=Access.PUBLIC)
    if is_participant(user):
        readable |= Q(access=Access.MEMBERS) | Q(access=Access.GROUP, pk__in=list(memberships(user)))
    return forums.filter(readable)


def forums_listed(user) -> QuerySet[Forum]:
    """The forum index: the readable forums and the working groups whose existence is public."""
    if is_staff_moderator(user):
        return Forum.objects.all()
    return Forum.objects.filter(Q(pk__in=forums_visible(user).values("pk")) | Q(access=Access.GROUP, listed=True))


def forum_for(user, slug: str) -> Forum:
    """A forum the user may read, or a listed working group (whose content the caller must still withhold)."""
    forum = Forum.objects.filter(slug=slug).first()
    if forum is None or not can_see_listing(user, forum):
        raise ForumNotFound(slug)
    return forum


def forum_moderators(forum: Forum) -> QuerySet[ForumMember]:
    return ForumMember.objects.filter(forum=forum, role=MemberRole.MODERATOR).select_related("user").order_by("pk")


def forum_members(forum: Forum) -> QuerySet[ForumMember]:
    return ForumMember.objects.filter(forum=forum).select_related("user").order_by("role", "user__handle")


# --- Topics ----------------------------------------------------------------------------------------------------


def _topic_visible_filter(user) -> Q:
    """Hidden and deleted topics stay out of view, except to those who moderate their forum; a hidden topic stays
    in view of its author (marked hidden)."""
    if is_staff_moderator(user):
        return Q()
    shown = Q(hidden=False, deleted_at__isnull=True)
    if is_participant(user):
        shown |= Q(author_id=user.pk, deleted_at__isnull=True)
    moderated = _moderated_forum_ids(user)
    return shown | Q(forum_id__in=moderated) if moderated else shown


def is_own(user, post_or_topic: Post | Topic) -> bool:
    return is_participant(user) and post_or_topic.author_id == user.pk


def topic_for(user, pk: int) -> Topic:
    """A topic the user may read: its forum readable, the topic neither deleted nor hidden, unless the user
    moderates the forum, or wrote a topic that was hidden (they see it marked so)."""
    topic = Topic.objects.select_related("forum", "practice", "city").filter(pk=pk).first()
    if topic is None or not can_read(user, topic.forum):
        raise ForumNotFound(pk)
    if topic.deleted_at and not can_moderate(user, topic.forum):
        raise ForumNotFound(pk)
    if topic.hidden and not (can_moderate(user, topic.forum) or is_own(user, topic)):
        raise ForumNotFound(pk)
    return topic


def encode_cursor(topic: Topic) -> str:
    stamp = int(topic.last_post_at.timestamp() * 1_000_000)
    return f"{int(topic.pinned)}-{stamp}-{topic.pk}"


def decode_cursor(value: str | None) -> tuple[bool, datetime, int] | None:
    """The topic list's keyset cursor, or None when there is none or it does not parse."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) != 3 or not all(part.isascii() and part.isdigit() and len(part) <= 20 for part in parts):
        return None
    pinned, stamp, pk = (int(part) for part in parts)
    try:
        when = datetime.fromtimestamp(stamp / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if pinned not in (0, 1):
        return None
    return bool(pinned), when, pk


@dataclass
class TopicPage:
    topics: list[Topic]
    next_cursor: str | None


# A row shows a practice's title and a city's name (`forums/_topic_row_title.html`): nothing more of either is read,
# not a practice's text nor its search vector.
_TOPIC_FIELDS = tuple(field.name for field in Topic._meta.concrete_fields)
_ROW_RELATED_FIELDS = ("practice__title", "practice__slug", "city__name", "city__slug")


def topics_for_forum(forum: Forum, user, *, after: str | None = None, limit: int = TOPICS_PER_PAGE) -> TopicPage:
    """One page of a forum's topic list: pinned first, then the latest activity; keyset pages (`after` is the
    cursor of the last topic of the page before)."""
    topics = (
        Topic.objects.filter(forum=forum)
        .filter(_topic_visible_filter(user))
        .select_related("practice", "city")
        .only(*_TOPIC_FIELDS, *_ROW_RELATED_FIELDS)
    )
    cursor = decode_cursor(after)
    if cursor is not None:
        pinned, when, pk = cursor
        topics = topics.filter(
            Q(pinned__lt=pinned)
            | Q(pinned=pinned, last_post_at__lt=when)
            | Q(pinned=pinned, last_post_at=when, pk__lt=pk)
        )
    topics = topics.order_by("-pinned", "-last_post_at", "-pk")
    rows = list(annotate_unread(topics, user)[: limit + 1])
    page = rows[:limit]
    return TopicPage(topics=page, next_cursor=encode_cursor(page[-1]) if len(rows) > limit else None)


def annotate_unread(topics: QuerySet[Topic], user) -> QuerySet[Topic]:
    """Annotates `last_read_number` (None when never opened): the list shows `unread_count` (the topic's last
    post number minus the person's last read one), read from one row per topic, never by counting posts."""
    if not is_participant(user):
        return topics.annotate(last_read_number=Value(None, output_field=IntegerField()))
    last_read = ReadState.objects.filter(user=user, topic=OuterRef("pk")).values("last_read_number")[:1]
    return topics.annotate(last_read_number=Subquery(last_read, output_field=IntegerField()))


def unread_count(topic: Topic) -> int:
    last_read = getattr(topic, "last_read_number", None)
    return 0 if last_read is None else max(topic.last_post_number - last_read, 0)


def topics_for_practice(practice, user, *, limit: int = 10) -> list[Topic]:
    return list(
        Topic.objects.filter(practice=practice, forum__in=forums_visible(user), hidden=False, deleted_at__isnull=True)
        .select_related("forum")
        .order_by("-last_post_at", "-pk")[:limit]
    )


def topics_for_city(city, user, *, limit: int = 10) -> list[Topic]:
    return list(
        Topic.objects.filter(city=city, forum__in=forums_visible(user), hidden=False, deleted_at__isnull=True)
        .select_related("forum")
        .order_by("-last_post_at", "-pk")[:limit]
    )


# --- Posts -----------------------------------------------------------------------------------------------------


def _topic_forum(**conditions) -> Subquery:
    """The forum of a post's topic when the topic meets `conditions`, else NULL: looked up by the topic's primary
    key for each post considered, so that a search counting its first thousand matches reads a thousand topics, not
    every topic of the network to join them (which is what Postgres chose for the join, and grows with the forums)."""
    topics = Topic.objects.filter(pk=OuterRef("topic_id"), deleted_at__isnull=True, **conditions)
    return Subquery(topics.values("forum_id")[:1], output_field=IntegerField())


def posts_visible(user) -> QuerySet[Post]:
    """Every post the user may read: its forum readable, its topic shown, not deleted or removed, not hidden unless
    the user moderates its forum."""
    posts = Post.objects.filter(deleted_at__isnull=True, removed=False)
    readable = forums_visible(user).values("pk")
    if is_staff_moderator(user):
        return posts.alias(topic_forum=_topic_forum()).filter(topic_forum__in=readable)
    moderated = _moderated_forum_ids(user)
    if not moderated:
        # One look-up per post: a hidden topic has no forum here.
        return posts.alias(shown_in=_topic_forum(hidden=False)).filter(shown_in__in=readable, hidden=False)
    posts = posts.alias(topic_forum=_topic_forum(), shown_in=_topic_forum(hidden=False))
    return posts.filter(topic_forum__in=readable).filter(
        Q(hidden=False, shown_in__isnull=False) | Q(topic_forum__in=moderated)
    )


def reading_class(user) -> tuple[str, ...]:
    """What `forums_visible` and `posts_visible` read of the person, and nothing else: staff moderators read
    everything; a visitor the public forums; anyone else by their memberships and the roles they hold there.
    Readers of the same class are shown the same forums and the same posts, so what is drawn from those alone (the
    post search's results) may be kept once for all of them. Both selectors must read nothing of the person that
    this does not hold."""
    if is_staff_moderator(user):
        return ("staff-moderator",)
    if not is_participant(user):
        return ("visitor",)
    return ("participant", *(f"{forum}:{role}" for forum, role in sorted(memberships(user).items())))


def post_for(user, pk: int) -> Post:
    """A post of a topic the user may read (hidden, deleted and removed posts included: pages show them as such)."""
    post = Post.objects.select_related("topic__forum", "author").filter(pk=pk).first()
    if post is None:
        raise ForumNotFound(pk)
    topic_for(user, post.topic_id)
    return post


@dataclass
class PostPage:
    posts: list[Post]
    first_number: int
    previous_from: int | None
    next_from: int | None


def blocked_ids(user) -> set[int]:
    """Whom the person blocks, read once per request."""
    if not is_participant(user):
        return set()
    cached = getattr(user, "_forum_blocked_ids", None)
    if cached is None:
        cached = set(Block.objects.filter(blocker=user).values_list("blocked_id", flat=True))
        user._forum_blocked_ids = cached
    return cached


def posts_for_topic(topic: Topic, user, *, from_number: int = 1, limit: int = POSTS_PER_PAGE) -> PostPage:
    """The posts numbered from `from_number` (a range of numbers: every number exists, deleted posts stay as
    placeholders), each with `label`, `reaction_counts` [(kind, label, count)], `my_reactions`, `collapsed` (its
    author is blocked by the reader; never for a pseudonymous post, which would link it) and `quote_label`."""
    from_number = max(1, min(from_number, topic.last_post_number))
    posts = list(
        Post.objects.filter(topic=topic, number__gte=from_number, number__lt=from_number + limit)
        .select_related("author", "quote_of__author")
        .order_by("number")
    )
    ids = [post.pk for post in posts]
    # The counts and the reader's own reactions in one pass over the page's reactions.
    own = Count("pk", filter=Q(user_id=user.pk)) if is_participant(user) else Value(0)
    counts: dict[int, dict[str, int]] = {}
    mine: set[tuple[int, str]] = set()
    for post_id, kind, count, own_count in (
        Reaction.objects.filter(post_id__in=ids)
        .values_list("post_id", "kind")
        .annotate(count=Count("pk"), own=own)
        .order_by()
    ):
        counts.setdefault(post_id, {})[kind] = count
        if own_count:
            mine.add((post_id, kind))
    blocked = blocked_ids(user)
    # Translated once for the page, not once for each post's each reaction.
    labels = {kind: str(label) for kind, label in ReactionKind.choices}
    for post in posts:
        post.label = author_label(post)
        post.reaction_counts = [
            (kind, labels[kind], counts.get(post.pk, {}).get(kind, 0)) for kind in ReactionKind.values
        ]
        post.my_reactions = {kind for post_id, kind in mine if post_id == post.pk}
        post.collapsed = not post.pseudonym and post.author_id in blocked
        post.quote_label = author_label(post.quote_of) if post.quote_of_id and post.quote_of else ""
    last = from_number + limit - 1
    return PostPage(
        posts=posts,
        first_number=from_number,
        previous_from=max(1, from_number - limit) if from_number > 1 else None,
        next_from=last + 1 if last < topic.last_post_number else None,
    )


def read_position(topic: Topic, user) -> int | None:
    """The number of the last post the person has read in the topic, or None for a visitor or a topic they never
    opened."""
    if not is_participant(user):
        return None
    return ReadState.objects.filter(user=user, topic=topic).values_list("last_read_number", flat=True).first()


def first_unread_after(topic: Topic, last_read: int | None) -> int | None:
    """The number of the first post after `last_read`, or None when it is the last one or the topic was never
    opened (then it starts at the beginning)."""
    if last_read is None or last_read >= topic.last_post_number:
        return None
    return last_read + 1


def post_revisions(post: Post) -> list[PostRevision]:
    return list(PostRevision.objects.filter(post=post).order_by("-number"))


def follows(user, targets) -> set[tuple[str, str]]:
    """Which of `targets` the person follows, as (target_type, target_id)."""
    if not is_participant(user):
        return set()
    keys = [(target._meta.label_lower, str(target.pk)) for target in targets]
    query = Q()
    for target_type, target_id in keys:
        query |= Q(target_type=target_type, target_id=target_id)
    return set(Follow.objects.filter(query, user=user).values_list("target_type", "target_id"))


# --- Moderation ------------------------------------------------------------------------------------------------


def moderation_queue(user, *, forum: Forum | None = None, limit: int = 50) -> list[Post]:
    """Posts with open reports (those hidden by three reports among them), in the forums the user moderates (one
    forum, or all of them for staff), oldest first. A moderator's decision closes the reports."""
    open_reports = Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    posts = Post.objects.filter(Exists(open_reports), removed=False, deleted_at__isnull=True)
    if forum is not None:
        posts = posts.filter(topic__forum=forum)
    elif not is_staff_moderator(user):
        posts = posts.filter(topic__forum_id__in=_moderated_forum_ids(user))
    posts = list(posts.select_related("author", "topic__forum").order_by("created_at", "pk")[:limit])
    reasons: dict[int, list[Report]] = {}
    for report in Report.objects.filter(post_id__in=[post.pk for post in posts], resolved_at__isnull=True).order_by(
        "created_at"
    ):
        reasons.setdefault(report.post_id, []).append(report)
    for post in posts:
        post.label = author_label(post)
        post.open_report_list = reasons.get(post.pk, [])
    return posts


def sanctions_for(user_id: int) -> QuerySet[Sanction]:
    return Sanction.objects.filter(user_id=user_id).select_related("forum").order_by("-created_at")


def blocks_of(user) -> QuerySet[Block]:
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("blocked__handle")
