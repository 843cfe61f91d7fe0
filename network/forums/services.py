"""Every write of the forums. Each service checks the actor, runs in a transaction, locks the row that moves,
audits decisions and tells the people concerned through `notify` in the same transaction.

Authors are named in notifications by `author_label`; a pseudonymous post's notifications carry no actor, so
nothing links the pseudonym to the account."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from network.accounts.permissions import is_participant
from network.accounts.system import SYSTEM
from network.audit.services import audit_record
from network.forums import notices
from network.forums.errors import ForumConflict, ForumError, ForumRateLimited
from network.forums.identity import ip_hash, pseudonym_for
from network.forums.models import (
    RESERVED_SLUGS,
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
    ReportOutcome,
    ReportReason,
    Sanction,
    SanctionKind,
    Topic,
    Unmasking,
    search_config,
)
from network.forums.permissions import (
    can_manage_forums,
    can_manage_members,
    can_moderate,
    can_post,
    can_read,
    can_unmask,
    forget_cached,
    is_staff_moderator,
    sanction_in_force,
)
from network.forums.selectors import author_label
from network.markdown import render
from network.notifications.models import Follow
from network.notifications.services import follow_create, follow_delete, notify

TITLE_MIN, TITLE_MAX = 5, 200
BODY_MAX = 20_000
REASON_MAX = 500
MAX_MENTIONS = 20
# A handle as accounts allow it, after an @ that does not follow a letter (so an email address is not a mention).
MENTION_PATTERN = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{3,30})\b")


# --- Checks shared by the services -----------------------------------------------------------------------------


def _required_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: _("Please give a reason.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({field: _("A reason has at most %(count)d characters.") % {"count": REASON_MAX}})
    return reason


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN or len(title) > TITLE_MAX:
        raise ValidationError(
            {"title": _("A title has %(min)d to %(max)d characters.") % {"min": TITLE_MIN, "max": TITLE_MAX}}
        )
    return title


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Please write a message.")})
    if len(body) > BODY_MAX:
        raise ValidationError({"body": _("A message has at most %(count)d characters.") % {"count": BODY_MAX}})
    return body


def _clean_language(language: str | None, actor) -> str:
    languages = dict(settings.LANGUAGES)
    language = language or getattr(actor, "preferred_language", "") or settings.LANGUAGE_CODE
    if language not in languages:
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    return language


def _refuse_unless_can_post(actor, forum: Forum) -> None:
    if not is_participant(actor):
        raise ForumError(_("Please sign in to post."))
    sanction = sanction_in_force(actor, forum)
    if sanction is not None:
        if sanction.kind == SanctionKind.BAN:
            raise ForumError(_("You are banned from posting here."))
        raise ForumError(
            _("You are suspended from posting until %(until)s.")
            % {"until": timezone.localtime(sanction.until).strftime("%Y-%m-%d %H:%M UTC")}
        )
    if not can_post(actor, forum):
        raise ForumError(_("You may not post in this forum."))


def _is_new_account(actor) -> bool:
    return actor.date_joined > timezone.now() - timedelta(hours=settings.FORUMS_NEW_ACCOUNT_HOURS)


def _check_links(actor, body_html: str) -> None:
    allowed = settings.FORUMS_NEW_ACCOUNT_LINKS
    if _is_new_account(actor) and body_html.count("<a ") > allowed:
        raise ValidationError(
            {"body": _("In its first day, an account may put at most %(count)d links in a post.") % {"count": allowed}}
        )


def _check_limits(actor, *, starting_topic: bool) -> None:
    """The first day's allowance of a new account, then the rate limit (counted in the shared cache)."""
    now = timezone.now()
    if _is_new_account(actor):
        since = actor.date_joined
        retry_after = max(1, int((since + timedelta(hours=settings.FORUMS_NEW_ACCOUNT_HOURS) - now).total_seconds()))
        if starting_topic:
            allowed = settings.FORUMS_NEW_ACCOUNT_TOPICS
            if Topic.objects.filter(author=actor, created_at__gte=since).count() >= allowed:
                raise ForumRateLimited(
                    _("In its first day, an account may start at most %(count)d topics. Please come back later.")
                    % {"count": allowed},
                    retry_after=retry_after,
                )
        else:
            allowed = settings.FORUMS_NEW_ACCOUNT_REPLIES
            if Post.objects.filter(author=actor, number__gt=1, created_at__gte=since).count() >= allowed:
                raise ForumRateLimited(
                    _("In its first day, an account may post at most %(count)d replies. Please come back later.")
                    % {"count": allowed},
                    retry_after=retry_after,
                )
    window, allowed = settings.FORUMS_RATE_WINDOW_SECONDS, settings.FORUMS_RATE_LIMIT_POSTS
    stamp = int(now.timestamp())
    key = f"forums:posts:{actor.pk}:{stamp // window}"
    cache.add(key, 0, timeout=window * 2)
    if cache.incr(key) > allowed:
        raise ForumRateLimited(
            _(
                "You are posting too fast: at most %(count)d posts every %(seconds)d seconds. "
                "Please wait %(wait)d seconds and send it again; what you wrote is kept below."
            )
            % {"count": allowed, "seconds": window, "wait": window - stamp % window},
            retry_after=window - stamp % window,
        )


def _lock_topic(topic: Topic) -> Topic:
    return Topic.objects.select_for_update(of=("self",)).select_related("forum").get(pk=topic.pk)


def _lock_post(post: Post) -> Post:
    return Post.objects.select_for_update(of=("self",)).select_related("topic__forum", "author").get(pk=post.pk)


def _index(post: Post, *, title: str = "") -> None:
    """Keep the post's search vector: the topic's title (A, on the opening post) and the body (B), in the
    dictionary of the post's language."""
    config = search_config(post.language)
    vector = SearchVector(Value(post.body), weight="B", config=config)
    if title:
        vector = SearchVector(Value(title), weight="A", config=config) + vector
    Post.objects.filter(pk=post.pk).update(search_vector=vector)


def _pseudonym(topic: Topic, actor) -> str:
    """The person's pseudonym in this topic: the one they already use there, or a new one no one else in the topic
    has."""
    existing = (
        Post.objects.filter(topic=topic, author=actor).exclude(pseudonym="").values_list("pseudonym", flat=True).first()
    )
    if existing:
        return existing
    taken = set(Post.objects.filter(topic=topic).exclude(pseudonym="").values_list("pseudonym", flat=True))
    attempt = 0
    while True:
        name = pseudonym_for(topic_id=topic.pk, user_id=actor.pk, attempt=attempt)
        if name not in taken:
            return name
        attempt += 1


def _write_post(*, topic: Topic, number: int, actor, body: str, body_html: str, language: str, pseudonymous: bool,
                quote_of: Post | None, ip: str | None, now) -> Post:  # fmt: skip
    hashed = ip_hash(ip)
    post = Post.objects.create(
        topic=topic,
        number=number,
        author=actor,
        pseudonym=_pseudonym(topic, actor) if pseudonymous else "",
        body=body,
        body_html=body_html,
        language=language,
        quote_of=quote_of,
        created_at=now,
        ip_hash=hashed,
        ip_hashed_at=now if hashed else None,
    )
    _index(post, title=topic.title if number == 1 else "")
    _read_up_to(user=actor, topic=topic, number=number)
    return post


def _readers_filter(forum: Forum) -> Q:
    """The people who may read `forum`, as a filter on users."""
    if forum.access == Access.GROUP:
        return Q(pk__in=ForumMember.objects.filter(forum=forum).values("user_id"))
    return Q()


def _mentions(body: str) -> set[str]:
    return {handle.lower() for handle in MENTION_PATTERN.findall(body)}


def _post_notice(post: Post, *, new_topic: bool) -> tuple:
    """Who a notification about `post` names as its actor (nobody for a pseudonymous post) and what it says."""
    actor = None if post.pseudonym else post.author
    return actor, {"author": author_label(post), "title": post.topic.title, "new_topic": new_topic}


def _audience_of(post: Post):
    """The people who may hear about `post`: readers of its forum, active, neither its author nor blocking them."""
    author = post.author
    users = get_user_model().objects.filter(is_active=True).filter(_readers_filter(post.topic.forum))
    users = users.exclude(pk=author.pk)
    return users.exclude(pk__in=Block.objects.filter(blocked=author).values("blocker_id"))


def _tell_mentioned(post: Post, handles: set[str], *, users, new_topic: bool = False) -> list[int]:
    """Notify the people whose handles `post` mentions among `users`; returns their ids."""
    if not handles:
        return []
    mentioned = list(
        users.annotate(lower_handle=Lower("handle"))
        .filter(lower_handle__in=sorted(handles)[:MAX_MENTIONS])
        .values_list("pk", flat=True)
    )
    if mentioned:
        actor, data = _post_notice(post, new_topic=new_topic)
        notify(
            kind=notices.MENTION,
            recipients=mentioned,
            target=post.topic,
            target_url=post.get_absolute_url(),
            actor=actor,
            data=data,
        )
    return mentioned


def _tell_about_post(post: Post, *, new_topic: bool) -> None:
    """Mentions first (a mentioned follower hears once), then the followers of the topic and of the forum, never
    the author, nor anyone who blocks the author, nor anyone who may not read the forum."""
    topic = post.topic
    actor, data = _post_notice(post, new_topic=new_topic)
    users = _audience_of(post)
    mentioned = _tell_mentioned(post, _mentions(post.body), users=users, new_topic=new_topic)
    # The followers are told after the commit, in batches, by the notifications' fan-out: the request does the
    # same work whether the topic has three followers or thirty thousand (and writes no event when it has none).
    if _follows_of(topic).exists():
        notify(
            kind=notices.REPLY,
            audience=post_followers_audience(post, exclude=mentioned),
            target=topic,
            target_url=post.get_absolute_url(),
            actor=actor,
            data=data,
        )


def _follows_of(topic: Topic):
    """The follows of a topic and of its forum."""
    return Follow.objects.filter(
        Q(target_type=Topic._meta.label_lower, target_id=str(topic.pk))
        | Q(target_type=Forum._meta.label_lower, target_id=str(topic.forum_id))
    )


POST_FOLLOWERS = "forums.post_followers"


def post_followers_audience(post: Post, *, exclude: list[int]) -> dict:
    """The followers of a post's topic and forum, but those in `exclude` (the people its mentions told)."""
    return {"name": POST_FOLLOWERS, "post": post.pk, "exclude": sorted(exclude)}


def post_followers(audience: dict, after: int, limit: int) -> list[int]:
    """The next followers of the post's topic or forum who may hear of it, as `_tell_about_post` says: never the
    author, nor anyone who blocks them or may not read the forum (checked at fan-out time), nor the excluded.
    Nobody hears of a post that is gone or hidden by then."""
    post = Post.objects.select_related("topic__forum", "author").filter(pk=audience["post"]).first()
    if post is None or post.is_gone or post.hidden:
        return []
    follows = _follows_of(post.topic)
    users = _audience_of(post).filter(pk__gt=after, pk__in=follows.values("user_id"))
    users = users.exclude(pk__in=audience.get("exclude") or [])
    return list(users.order_by("pk").values_list("pk", flat=True)[:limit])


def _read_up_to(*, user, topic: Topic, number: int) -> None:
    now = timezone.now()
    updated = ReadState.objects.filter(user=user, topic=topic, last_read_number__lt=number).update(
        last_read_number=number, updated_at=now
    )
    if not updated:
        ReadState.objects.bulk_create(
            [ReadState(user=user, topic=topic, last_read_number=number, updated_at=now)], ignore_conflicts=True
        )


# --- Forums and their members ----------------------------------------------------------------------------------


@transaction.atomic
def forum_create(
    *,
    actor,
    slug: str,
    name: str,
    description: str = "",
    access: str = Access.PUBLIC,
    listed: bool = False,
    pseudonyms_allowed: bool = False,
    theme: str = "",
    position: int = 0,
) -> Forum:
    if actor is not SYSTEM and not can_manage_forums(actor):
        raise ForumError(_("Only staff create forums."))
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is taken by the forums' own pages. Please choose another.")})
    forum = Forum(
        slug=slug,
        name=" ".join((name or "").split()),
        description=(description or "").strip(),
        access=access,
        listed=listed and access == Access.GROUP,
        pseudonyms_allowed=pseudonyms_allowed,
        theme=theme or "",
        position=position,
        created_by=actor if actor is not SYSTEM else None,
    )
    forum.full_clean(exclude=["created_by"])
    forum.description_html = render(forum.description)
    forum.save()
    audit_record(
        actor=actor,
        action="forums.forum.create",
        target=forum,
        after={"slug": forum.slug, "access": forum.access, "listed": forum.listed},
    )
    return forum


# Who reads a forum may be narrowed at any time (public → members → working group): nobody reads anything they
# did not read before. Widening it would show its posts to people their authors never wrote for, so it is allowed
# only while the forum has no topic.
_ACCESS_BREADTH = {Access.GROUP: 0, Access.MEMBERS: 1, Access.PUBLIC: 2}
_EDITABLE = ("name", "description", "access", "listed", "pseudonyms_allowed", "theme", "position")


@transaction.atomic
def forum_update(
    *,
    actor,
    forum: Forum,
    name: str,
    description: str = "",
    access: str,
    listed: bool = False,
    pseudonyms_allowed: bool = False,
    theme: str = "",
    position: int = 0,
) -> Forum:
    """Change a forum's name, description (its rules, in Markdown), who reads it, whether it allows pseudonyms, its
    theme and place in the list. Its address stays: links and feeds keep working."""
    if not can_manage_forums(actor):
        raise ForumError(_("Only staff edit forums."))
    forum = Forum.objects.select_for_update(of=("self",)).get(pk=forum.pk)
    before = {name_: getattr(forum, name_) for name_ in _EDITABLE}
    if access not in _ACCESS_BREADTH:
        raise ValidationError({"access": _("Choose one of the kinds offered.")})
    if _ACCESS_BREADTH[access] > _ACCESS_BREADTH[forum.access] and Topic.objects.filter(forum=forum).exists():
        raise ForumConflict(
            _(
                "A forum that holds topics is not opened to more readers than its authors wrote for; create a new "
                "forum instead."
            )
        )
    forum.name = " ".join((name or "").split())
    forum.description = (description or "").strip()
    forum.access = access
    forum.listed = listed and access == Access.GROUP
    forum.pseudonyms_allowed = pseudonyms_allowed
    forum.theme = theme or ""
    forum.position = position
    forum.full_clean(exclude=["created_by", "slug"])
    after = {name_: getattr(forum, name_) for name_ in _EDITABLE}
    changed = [name_ for name_ in _EDITABLE if before[name_] != after[name_]]
    if not changed:
        return forum
    forum.description_html = render(forum.description)
    forum.save(update_fields=[*changed, "description_html"])
    audit_record(
        actor=actor,
        action="forums.forum.update",
        target=forum,
        before={name_: before[name_] for name_ in changed},
        after={name_: after[name_] for name_ in changed},
    )
    return forum


@transaction.atomic
def member_add(*, actor, forum: Forum, user, role: str = MemberRole.MEMBER) -> ForumMember:
    """Staff name moderators of any forum; a working group's moderators add its members."""
    if role == MemberRole.MODERATOR:
        if actor is not SYSTEM and not can_manage_forums(actor):
            raise ForumError(_("Only staff name moderators."))
    elif role == MemberRole.MEMBER:
        if forum.access != Access.GROUP:
            raise ForumConflict(_("Only a working group has a list of members."))
        if actor is not SYSTEM and not can_manage_members(actor, forum):
            raise ForumError(_("Only the group's moderators add members."))
    else:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if not user.is_active:
        raise ValidationError({"handle": _("This account is closed.")})
    member = ForumMember.objects.select_for_update(of=("self",)).filter(forum=forum, user=user).first()
    if member is not None and (member.role == role or role == MemberRole.MEMBER):
        raise ForumConflict(_("%(handle)s is already on the list.") % {"handle": user.handle})
    if member is None:
        member = ForumMember.objects.create(
            forum=forum, user=user, role=role, added_by=actor if actor is not SYSTEM else None
        )
    else:
        member.role = role
        member.save(update_fields=["role"])
    audit_record(actor=actor, action=f"forums.member.add_{role}", target=forum, data={"user": user.pk})
    if forum.access == Access.GROUP:
        notify(
            kind=notices.MEMBERSHIP,
            recipients=[user],
            target=forum,
            actor=actor if actor is not SYSTEM else None,
            data={"forum": forum.name},
        )
    forget_cached(user)
    return member


@transaction.atomic
def member_remove(*, actor, forum: Forum, user) -> None:
    member = ForumMember.objects.select_for_update(of=("self",)).filter(forum=forum, user=user).first()
    if member is None:
        raise ForumConflict(_("%(handle)s is not on the list.") % {"handle": user.handle})
    if member.role == MemberRole.MODERATOR:
        if actor is not SYSTEM and not can_manage_forums(actor):
            raise ForumError(_("Only staff remove moderators."))
    elif actor is not SYSTEM and not can_manage_members(actor, forum):
        raise ForumError(_("Only the group's moderators remove members."))
    member.delete()
    audit_record(actor=actor, action="forums.member.remove", target=forum, data={"user": user.pk, "role": member.role})
    forget_cached(user)


# --- Topics and posts ------------------------------------------------------------------------------------------


@transaction.atomic
def topic_start(
    *,
    actor,
    forum: Forum,
    title: str,
    body: str,
    language: str | None = None,
    pseudonymous: bool = False,
    practice=None,
    city=None,
    ip: str | None = None,
    limits: bool = True,
) -> Topic:
    """Open a topic with its first post. `limits=False` (commands and seeders only) skips the new-account
    allowance and the rate limit; the permissions still hold."""
    _refuse_unless_can_post(actor, forum)
    if pseudonymous and not forum.pseudonyms_allowed:
        raise ForumError(_("This forum does not allow pseudonymous posts."))
    title, body, language = _clean_title(title), _clean_body(body), _clean_language(language, actor)
    body_html = render(body, user_content=True)
    _check_links(actor, body_html)
    if limits:
        _check_limits(actor, starting_topic=True)
    now = timezone.now()
    topic = Topic.objects.create(
        forum=forum,
        title=title,
        author=actor,
        pseudonymous=bool(pseudonymous),
        practice=practice,
        city=city,
        language=language,
        created_at=now,
        last_post_at=now,
        last_post_number=1,
    )
    post = _write_post(
        topic=topic,
        number=1,
        actor=actor,
        body=body,
        body_html=body_html,
        language=language,
        pseudonymous=bool(pseudonymous),
        quote_of=None,
        ip=ip,
        now=now,
    )
    Forum.objects.filter(pk=forum.pk).update(
        topic_count=F("topic_count") + 1, post_count=F("post_count") + 1, last_post_at=now
    )
    _tell_about_post(post, new_topic=True)
    return topic


@transaction.atomic
def post_reply(
    *,
    actor,
    topic: Topic,
    body: str,
    language: str | None = None,
    pseudonymous: bool | None = None,
    quote_of: Post | None = None,
    ip: str | None = None,
    limits: bool = True,
) -> Post:
    """Reply in a topic. `pseudonymous=None` keeps the person's choice in this topic: pseudonymous if they already
    posted in it under their pseudonym."""
    topic = _lock_topic(topic)
    forum = topic.forum
    _refuse_unless_can_post(actor, forum)
    moderator = can_moderate(actor, forum)
    if (topic.hidden or topic.deleted_at) and not moderator:
        raise ForumError(_("You may not post in this forum."))
    if topic.locked:
        raise ForumConflict(_("This topic is locked: nobody can reply."))
    if topic.closed and not moderator:
        raise ForumConflict(_("This topic is closed to new replies."))
    if pseudonymous is None:
        pseudonymous = Post.objects.filter(topic=topic, author=actor).exclude(pseudonym="").exists()
    if pseudonymous and not forum.pseudonyms_allowed:
        raise ForumError(_("This forum does not allow pseudonymous posts."))
    if quote_of is not None and (quote_of.topic_id != topic.pk or quote_of.is_gone or quote_of.hidden):
        raise ValidationError({"quote_of": _("You can only quote a post shown in this topic.")})
    body, language = _clean_body(body), _clean_language(language, actor)
    body_html = render(body, user_content=True)
    _check_links(actor, body_html)
    if limits:
        _check_limits(actor, starting_topic=False)
    now = timezone.now()
    number = topic.last_post_number + 1
    post = _write_post(
        topic=topic,
        number=number,
        actor=actor,
        body=body,
        body_html=body_html,
        language=language,
        pseudonymous=bool(pseudonymous),
        quote_of=quote_of,
        ip=ip,
        now=now,
    )
    topic.last_post_number, topic.last_post_at, topic.reply_count = number, now, topic.reply_count + 1
    topic.save(update_fields=["last_post_number", "last_post_at", "reply_count"])
    Forum.objects.filter(pk=forum.pk).update(post_count=F("post_count") + 1, last_post_at=now)
    _tell_about_post(post, new_topic=False)
    return post


@transaction.atomic
def post_edit(*, actor, post: Post, body: str, title: str | None = None) -> Post:
    """The author rewrites their post (and, on the opening post, the topic's title); the earlier text is kept
    as a revision anyone who reads the post can see."""
    post = _lock_post(post)
    if not is_participant(actor) or post.author_id != actor.pk:
        raise ForumError(_("Only its author edits a post."))
    if post.is_gone:
        raise ForumConflict(_("This post is deleted."))
    topic = post.topic
    if topic.locked:
        raise ForumConflict(_("This topic is locked: nobody can edit its posts."))
    body = _clean_body(body)
    new_title = _clean_title(title) if title is not None and post.number == 1 else topic.title
    if body == post.body and new_title == topic.title:
        return post
    body_html = render(body, user_content=True)
    _check_links(actor, body_html)
    now = timezone.now()
    newly_mentioned: set[str] = set()
    if body != post.body:
        # Only the handles no earlier version of the post mentioned: nobody hears twice of the same post.
        newly_mentioned = _mentions(body) - _mentions(post.body)
        if newly_mentioned:
            for earlier in PostRevision.objects.filter(post=post).values_list("body", flat=True):
                newly_mentioned -= _mentions(earlier)
        PostRevision.objects.create(post=post, number=post.edit_count + 1, body=post.body, created_at=now)
        post.body, post.body_html = body, body_html
        post.edited_at, post.edit_count = now, post.edit_count + 1
        post.save(update_fields=["body", "body_html", "edited_at", "edit_count"])
    if new_title != topic.title:
        topic.title = new_title
        topic.save(update_fields=["title"])
    _index(post, title=topic.title if post.number == 1 else "")
    _tell_mentioned(post, newly_mentioned, users=_audience_of(post))
    return post


@transaction.atomic
def post_delete(*, actor, post: Post) -> Post:
    """The author withdraws their post: it stays as a placeholder, so the numbering holds. Withdrawing the
    opening post withdraws the topic."""
    post = _lock_post(post)
    if not is_participant(actor) or post.author_id != actor.pk:
        raise ForumError(_("Only its author deletes a post."))
    if post.is_gone:
        raise ForumConflict(_("This post is already deleted."))
    now = timezone.now()
    post.deleted_at = now
    post.save(update_fields=["deleted_at"])
    if post.number == 1:
        _withdraw_topic(post.topic, now)
    audit_record(actor=actor, action="forums.post.delete", target=post, data={"topic": post.topic_id})
    return post


def _withdraw_topic(topic: Topic, now) -> None:
    topic = _lock_topic(topic)
    if topic.deleted_at is None:
        topic.deleted_at = now
        topic.save(update_fields=["deleted_at"])
        Forum.objects.filter(pk=topic.forum_id).update(topic_count=Greatest(F("topic_count") - 1, 0))


@transaction.atomic
def reaction_toggle(*, actor, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back; True when it is now there."""
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": _("Choose one of the reactions offered.")})
    if not is_participant(actor) or not can_read(actor, post.topic.forum):
        raise ForumError(_("Please sign in to react."))
    if post.is_gone or post.hidden:
        raise ForumConflict(_("This post is not shown."))
    deleted, _rows = Reaction.objects.filter(post=post, user=actor, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.bulk_create([Reaction(post=post, user=actor, kind=kind)], ignore_conflicts=True)
    return True


@transaction.atomic
def read_mark(*, user, topic: Topic, number: int) -> None:
    """The person has read the topic up to post `number` (never backwards)."""
    if not is_participant(user):
        return
    _read_up_to(user=user, topic=topic, number=max(0, min(number, topic.last_post_number)))


def follow_set(*, user, target: Forum | Topic, follow: bool) -> None:
    """Follow (or stop following) a forum or a topic the person may read; replies then reach them as their
    notification preferences say."""
    forum = target if isinstance(target, Forum) else target.forum
    if not is_participant(user) or not can_read(user, forum):
        raise ForumError(_("Please sign in to follow."))
    if follow:
        follow_create(user=user, target=target)
    else:
        follow_delete(user=user, target=target)


# --- Reports and moderation ------------------------------------------------------------------------------------


@transaction.atomic
def post_report(*, actor, post: Post, reason: str, note: str = "") -> Report:
    """Report a post to its forum's moderators. Once as many different people as FORUMS_REPORTS_TO_HIDE have open
    reports on it, the post is hidden until a moderator reviews it."""
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose one of the reasons offered.")})
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": _("A note has at most %(count)d characters.") % {"count": 2000}})
    post = _lock_post(post)
    if not is_participant(actor) or not can_read(actor, post.topic.forum):
        raise ForumError(_("Please sign in to report a post."))
    if post.author_id == actor.pk:
        raise ForumError(_("You cannot report your own post."))
    if post.is_gone:
        raise ForumConflict(_("This post is already deleted."))
    if Report.objects.filter(post=post, reporter=actor).exists():
        raise ForumConflict(_("You already reported this post."))
    report = Report.objects.create(post=post, reporter=actor, reason=reason, note=note)
    post.report_count += 1
    post.save(update_fields=["report_count"])
    audit_record(actor=actor, action="forums.post.report", target=post, data={"reason": reason})
    open_reports = Report.objects.filter(post=post, resolved_at__isnull=True).count()
    if not post.hidden and open_reports >= settings.FORUMS_REPORTS_TO_HIDE:
        _hide(post, reason=_("Reported by several people; waiting for a moderator."), now=timezone.now())
        audit_record(actor=SYSTEM, action="forums.post.auto_hide", target=post, data={"reports": open_reports})
    return report


def _hide(post: Post, *, reason: str, now) -> None:
    post.hidden, post.hidden_reason, post.hidden_at = True, reason[:500], now
    post.save(update_fields=["hidden", "hidden_reason", "hidden_at"])
    if post.number == 1:
        Topic.objects.filter(pk=post.topic_id).update(hidden=True)


def _resolve_reports(post: Post, *, actor, outcome: str, now) -> int:
    return Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=actor, outcome=outcome
    )


def _moderator_post(actor, post: Post) -> Post:
    post = _lock_post(post)
    if not can_moderate(actor, post.topic.forum):
        raise ForumError(_("Only the forum's moderators do this."))
    return post


def _tell_author(post_or_topic, *, action: str, reason: str, title: str) -> None:
    author_id = post_or_topic.author_id
    target = post_or_topic if isinstance(post_or_topic, Topic) else post_or_topic.topic
    notify(
        kind=notices.MODERATION,
        recipients=[author_id],
        target=target,
        target_url=post_or_topic.get_absolute_url(),
        data={"title": title, "action": action, "reason": reason},
    )


@transaction.atomic
def post_hide(*, actor, post: Post, reason: str) -> Post:
    reason = _required_reason(reason)
    post = _moderator_post(actor, post)
    if post.is_gone:
        raise ForumConflict(_("This post is deleted."))
    if post.hidden:
        raise ForumConflict(_("This post is already hidden."))
    now = timezone.now()
    _hide(post, reason=reason, now=now)
    _resolve_reports(post, actor=actor, outcome=ReportOutcome.HIDDEN, now=now)
    audit_record(actor=actor, action="forums.post.hide", target=post, data={"reason": reason})
    _tell_author(post, action=_("hidden"), reason=reason, title=post.topic.title)
    return post


@transaction.atomic
def post_restore(*, actor, post: Post, reason: str) -> Post:
    """Show a hidden post again, or keep a reported one: the open reports are closed as reviewed."""
    reason = _required_reason(reason)
    post = _moderator_post(actor, post)
    if post.is_gone:
        raise ForumConflict(_("This post is deleted."))
    now = timezone.now()
    resolved = _resolve_reports(post, actor=actor, outcome=ReportOutcome.KEPT, now=now)
    if not post.hidden and not resolved:
        raise ForumConflict(_("This post is neither hidden nor reported."))
    was_hidden = post.hidden
    if was_hidden:
        post.hidden, post.hidden_reason, post.hidden_at = False, "", None
        post.save(update_fields=["hidden", "hidden_reason", "hidden_at"])
        if post.number == 1:
            Topic.objects.filter(pk=post.topic_id).update(hidden=False)
    audit_record(actor=actor, action="forums.post.restore", target=post, data={"reason": reason})
    if was_hidden:
        _tell_author(post, action=_("shown again"), reason=reason, title=post.topic.title)
    return post


@transaction.atomic
def post_remove(*, actor, post: Post, reason: str) -> Post:
    """A moderator deletes a post; deleting the opening post deletes the topic."""
    reason = _required_reason(reason)
    post = _moderator_post(actor, post)
    if post.is_gone:
        raise ForumConflict(_("This post is already deleted."))
    now = timezone.now()
    post.removed = True
    post.hidden_reason = reason
    post.save(update_fields=["removed", "hidden_reason"])
    _resolve_reports(post, actor=actor, outcome=ReportOutcome.REMOVED, now=now)
    if post.number == 1:
        _withdraw_topic(post.topic, now)
    audit_record(actor=actor, action="forums.post.remove", target=post, data={"reason": reason})
    _tell_author(post, action=_("deleted"), reason=reason, title=post.topic.title)
    return post


# The moderators' moves on a topic: the flag each sets, the value it needs before, and the refusal otherwise.
TOPIC_MOVES = {
    "lock": ("locked", False, True),
    "unlock": ("locked", True, False),
    "pin": ("pinned", False, True),
    "unpin": ("pinned", True, False),
    "close": ("closed", False, True),
    "reopen": ("closed", True, False),
}


def _topic_move_refusal(move: str) -> str:
    return {
        "lock": _("This topic is already locked."),
        "unlock": _("This topic is not locked."),
        "pin": _("This topic is already pinned."),
        "unpin": _("This topic is not pinned."),
        "close": _("This topic is already closed."),
        "reopen": _("This topic is not closed."),
    }[move]


def _topic_action_label(move: str) -> str:
    return {
        "lock": _("locked"),
        "unlock": _("unlocked"),
        "pin": _("pinned"),
        "unpin": _("unpinned"),
        "close": _("closed"),
        "reopen": _("reopened"),
    }[move]


@transaction.atomic
def topic_flag(*, actor, topic: Topic, move: str, reason: str) -> Topic:
    """One of TOPIC_MOVES; `topic_lock` and the others call it."""
    if move not in TOPIC_MOVES:
        raise ValidationError({"move": _("Unknown action.")})
    reason = _required_reason(reason)
    topic = _lock_topic(topic)
    if not can_moderate(actor, topic.forum):
        raise ForumError(_("Only the forum's moderators do this."))
    field, before, after = TOPIC_MOVES[move]
    if getattr(topic, field) != before:
        raise ForumConflict(_topic_move_refusal(move))
    setattr(topic, field, after)
    topic.save(update_fields=[field])
    audit_record(
        actor=actor,
        action=f"forums.topic.{move}",
        target=topic,
        before={field: before},
        after={field: after},
        data={"reason": reason},
    )
    if move in ("lock", "close", "unlock", "reopen"):
        _tell_author(topic, action=_topic_action_label(move), reason=reason, title=topic.title)
    return topic


def topic_lock(*, actor, topic: Topic, reason: str) -> Topic:
    return topic_flag(actor=actor, topic=topic, move="lock", reason=reason)


def topic_unlock(*, actor, topic: Topic, reason: str) -> Topic:
    return topic_flag(actor=actor, topic=topic, move="unlock", reason=reason)


def topic_pin(*, actor, topic: Topic, reason: str) -> Topic:
    return topic_flag(actor=actor, topic=topic, move="pin", reason=reason)


def topic_unpin(*, actor, topic: Topic, reason: str) -> Topic:
    return topic_flag(actor=actor, topic=topic, move="unpin", reason=reason)


def topic_close(*, actor, topic: Topic, reason: str) -> Topic:
    return topic_flag(actor=actor, topic=topic, move="close", reason=reason)


def topic_reopen(*, actor, topic: Topic, reason: str) -> Topic:
    return topic_flag(actor=actor, topic=topic, move="reopen", reason=reason)


@transaction.atomic
def topic_move(*, actor, topic: Topic, forum: Forum, reason: str) -> Topic:
    """Move a topic to another forum; the mover must moderate both."""
    reason = _required_reason(reason)
    topic = _lock_topic(topic)
    source = topic.forum
    if not can_moderate(actor, source) or not can_moderate(actor, forum):
        raise ForumError(_("Only someone who moderates both forums moves a topic between them."))
    if forum.pk == source.pk:
        raise ForumConflict(_("The topic is already in this forum."))
    topic.forum = forum
    topic.save(update_fields=["forum"])
    if topic.deleted_at is None:
        posts = topic.reply_count + 1
        Forum.objects.filter(pk=source.pk).update(
            topic_count=Greatest(F("topic_count") - 1, 0), post_count=Greatest(F("post_count") - posts, 0)
        )
        Forum.objects.filter(pk=forum.pk).update(topic_count=F("topic_count") + 1, post_count=F("post_count") + posts)
    audit_record(
        actor=actor,
        action="forums.topic.move",
        target=topic,
        before={"forum": source.slug},
        after={"forum": forum.slug},
        data={"reason": reason},
    )
    _tell_author(topic, action=_("moved to %(forum)s") % {"forum": forum.name}, reason=reason, title=topic.title)
    return topic


def _sanction(*, actor, user, forum: Forum | None, kind: str, reason: str, days: int | None = None) -> Sanction:
    reason = _required_reason(reason)
    if forum is None:
        if not is_staff_moderator(actor):
            raise ForumError(_("Only staff sanction someone in every forum."))
    elif not can_moderate(actor, forum):
        raise ForumError(_("Only the forum's moderators do this."))
    if user.pk == getattr(actor, "pk", None):
        raise ForumError(_("You cannot sanction yourself."))
    until = None
    if kind == SanctionKind.SUSPEND:
        if not isinstance(days, int) or not 1 <= days <= 365:
            raise ValidationError({"days": _("A suspension lasts 1 to 365 days.")})
        until = timezone.now() + timedelta(days=days)
    # One at a time per person: two moderators sanctioning the same person take turns.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if kind == SanctionKind.BAN and any(
        sanction.kind == SanctionKind.BAN and sanction.forum_id == (forum.pk if forum else None)
        for sanction in Sanction.objects.filter(user=user, kind=SanctionKind.BAN)
    ):
        raise ForumConflict(_("%(handle)s is already banned here.") % {"handle": user.handle})
    sanction = Sanction.objects.create(user=user, forum=forum, kind=kind, reason=reason, until=until, by=actor)
    audit_record(
        actor=actor,
        action=f"forums.member.{kind}",
        target=sanction,
        data={"user": user.pk, "forum": forum.slug if forum else "", "reason": reason, "days": days},
    )
    notify(
        kind=notices.SANCTION,
        recipients=[user],
        target=forum,
        target_url=forum.get_absolute_url() if forum else "",
        data={
            "where": forum.name if forum else _("the forums"),
            "kind": str(SanctionKind(kind).label).lower(),
            "reason": reason,
        },
    )
    forget_cached(user)
    return sanction


@transaction.atomic
def member_warn(*, actor, user, forum: Forum | None, reason: str) -> Sanction:
    return _sanction(actor=actor, user=user, forum=forum, kind=SanctionKind.WARN, reason=reason)


@transaction.atomic
def member_suspend(*, actor, user, forum: Forum | None, days: int, reason: str) -> Sanction:
    return _sanction(actor=actor, user=user, forum=forum, kind=SanctionKind.SUSPEND, reason=reason, days=days)


@transaction.atomic
def member_ban(*, actor, user, forum: Forum | None, reason: str) -> Sanction:
    return _sanction(actor=actor, user=user, forum=forum, kind=SanctionKind.BAN, reason=reason)


# --- Blocks ----------------------------------------------------------------------------------------------------


@transaction.atomic
def block_create(*, actor, blocked) -> Block:
    if not is_participant(actor):
        raise ForumError(_("Please sign in to block someone."))
    if blocked.pk == actor.pk:
        raise ValidationError({"handle": _("You cannot block yourself.")})
    block, created = Block.objects.get_or_create(blocker=actor, blocked=blocked)
    if not created:
        raise ForumConflict(_("You already block %(handle)s.") % {"handle": blocked.handle})
    return block


@transaction.atomic
def block_delete(*, actor, blocked) -> None:
    deleted, _rows = Block.objects.filter(blocker=actor, blocked=blocked).delete()
    if not deleted:
        raise ForumConflict(_("You do not block %(handle)s.") % {"handle": blocked.handle})


# --- Identity --------------------------------------------------------------------------------------------------


@transaction.atomic
def pseudonym_unmask(*, actor, post: Post, reason: str):
    """Staff learn which account wrote a pseudonymous post; the reason is recorded and audited."""
    reason = _required_reason(reason)
    if not can_unmask(actor):
        raise ForumError(_("Only staff unmask a pseudonym."))
    post = Post.objects.select_related("author", "topic").get(pk=post.pk)
    if not post.pseudonym:
        raise ForumConflict(_("This post is signed with a handle; there is nothing to unmask."))
    Unmasking.objects.create(post=post, by=actor, reason=reason)
    audit_record(
        actor=actor,
        action="forums.pseudonym.unmask",
        target=post,
        data={"reason": reason, "pseudonym": post.pseudonym, "user": post.author_id},
    )
    return post.author


# --- Retention -------------------------------------------------------------------------------------------------


def ip_hashes_purge(*, now=None) -> int:
    """Blank the address hashes older than FORUMS_IP_HASH_DAYS; the daily task calls it."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FORUMS_IP_HASH_DAYS)
    return Post.objects.filter(ip_hashed_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="", ip_hashed_at=None)


def author_deleted(*, user, placeholder) -> None:
    """A person deleting their account leaves their topics and posts in the discussions others replied to, signed by
    the placeholder account (a pseudonymous post keeps its pseudonym); the sanctions and unmaskings they decided as
    staff keep their record under it too (the audit log keeps who decided)."""
    Topic.objects.filter(author=user).update(author=placeholder)
    Post.objects.filter(author=user).update(author=placeholder)
    Sanction.objects.filter(by=user).update(by=placeholder)
    Unmasking.objects.filter(by=user).update(by=placeholder)
