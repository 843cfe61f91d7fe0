"""The forums' pages. Thin: permission → selector or service → response. Every form re-renders with what was
typed and the errors; refusals of the rules answer 403/409/429 with their message."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cities.models import City
from network.accounts.permissions import is_participant
from network.forums import fragments, selectors, services
from network.forums.errors import ForumConflict, ForumError, ForumNotFound, ForumRateLimited
from network.forums.forms import (
    EditForm,
    ForumEditForm,
    ForumForm,
    HandleForm,
    MemberForm,
    PostModerationForm,
    ReplyForm,
    ReportForm,
    SanctionForm,
    TopicForm,
    TopicModerationForm,
    UnmaskForm,
)
from network.forums.models import Access, Forum, Post, ReactionKind, SanctionKind
from network.forums.permissions import (
    can_manage_forums,
    can_manage_members,
    can_moderate,
    can_post,
    can_read,
    can_unmask,
    is_staff_moderator,
)
from network.page_cache import ALL_PARTS, visitor_page
from network.refusals import add_service_errors, refused
from practices.models import Practice


def _ip(request) -> str:
    """The client's address as the sign-in rate limits see it (TRUSTED_PROXY_COUNT applies); only its keyed hash is
    kept."""
    return get_adapter(request).get_client_ip(request) or ""


def _forum(request, slug: str) -> Forum:
    try:
        return selectors.forum_for(request.user, slug)
    except ForumNotFound:
        raise Http404 from None


def _readable_forum(request, slug: str) -> Forum:
    forum = _forum(request, slug)
    if not can_read(request.user, forum):
        raise Http404
    return forum


def _topic(request, pk: int):
    try:
        return selectors.topic_for(request.user, pk)
    except ForumNotFound:
        raise Http404 from None


def _post(request, pk: int) -> Post:
    try:
        return selectors.post_for(request.user, pk)
    except ForumNotFound:
        raise Http404 from None


def _refusal(request, error: ForumError):
    if isinstance(error, ForumRateLimited):
        response = render(request, "429.html", {"message": str(error)}, status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    if isinstance(error, ForumConflict):
        return refused(request, str(error))
    raise PermissionDenied(str(error))


def _form_page(request, form, *, heading: str, submit: str, back: str, intro: str = "", post=None, status=200,
               danger: bool = False):  # fmt: skip
    context = {
        "form": form,
        "heading": heading,
        "submit": submit,
        "back": back,
        "intro": intro,
        "post": post,
        "danger": danger,
    }
    return render(request, "forums/form_page.html", context, status=status)


# --- Reading ---------------------------------------------------------------------------------------------------


@visitor_page(parts=ALL_PARTS)
@require_GET
def index(request):
    user = request.user
    forums = list(selectors.forums_listed(user))
    for forum in forums:
        forum.readable = can_read(user, forum)
    context = {
        "forums": forums,
        "can_manage": can_manage_forums(user),
        "moderates_any": is_staff_moderator(user),
    }
    return render(request, "forums/index.html", context)


@visitor_page(parts=ALL_PARTS)
@require_GET
def forum_page(request, slug: str):
    forum = _forum(request, slug)
    user = request.user
    readable = can_read(user, forum)
    page = selectors.topics_for_forum(forum, user, after=request.GET.get("after")) if readable else None
    if page is not None:
        for topic in page.topics:
            topic.unread = selectors.unread_count(topic)
        fragments.attach_topic_row_parts(page.topics)
    context = {
        "forum": forum,
        "readable": readable,
        "page": page,
        "first_page": not request.GET.get("after"),
        "can_post": can_post(user, forum),
        "can_moderate": can_moderate(user, forum),
        "can_manage_members": can_manage_members(user, forum) or can_manage_forums(user),
        "can_edit_forum": can_manage_forums(user),
        "following": bool(readable and selectors.follows(user, [forum])),
        "signed_in": is_participant(user),
    }
    return render(request, "forums/forum.html", context)


def _number(value, default: int) -> int:
    if value and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return default


@visitor_page(parts=ALL_PARTS)
@require_GET
def topic_page(request, pk: int):
    topic = _topic(request, pk)
    user, forum = request.user, topic.forum
    last_read = selectors.read_position(topic, user)
    first_unread = selectors.first_unread_after(topic, last_read)
    start = _number(request.GET.get("from"), 1)
    page = selectors.posts_for_topic(topic, user, from_number=start)
    fragments.attach_post_parts(page.posts, topic, page.first_number)
    # A page read before writes nothing: the read position only ever moves forward.
    if page.posts and (last_read is None or page.posts[-1].number > last_read):
        services.read_mark(user=user, topic=topic, number=page.posts[-1].number)
    moderator = can_moderate(user, forum)
    posting = (can_post(user, forum) and topic.is_open_for_replies) or (moderator and not topic.locked)
    reply_form = None
    if posting:
        pseudonymous_here = any(post.author_id == user.pk and post.pseudonym for post in page.posts)
        reply_form = fragments.blank_reply_form(ReplyForm(forum=forum, user=user, pseudonymous_here=pseudonymous_here))
    context = {
        "topic": topic,
        "forum": forum,
        "page": page,
        "first_unread": first_unread,
        "reply_form": reply_form,
        "can_moderate": moderator,
        "can_unmask": can_unmask(user),
        "signed_in": is_participant(user),
        "following": bool(selectors.follows(user, [topic])),
        "reaction_kinds": ReactionKind.choices,
    }
    return render(request, "forums/topic.html", context)


@require_GET
def post_link(request, pk: int):
    post = _post(request, pk)
    start = max(1, post.number - (post.number - 1) % selectors.POSTS_PER_PAGE)
    return redirect(f"{reverse('forums:topic', args=[post.topic_id])}?from={start}#post-{post.number}")


@require_GET
def post_history(request, pk: int):
    post = _post(request, pk)
    moderator = can_moderate(request.user, post.topic.forum)
    if post.is_gone or (post.hidden and not (moderator or selectors.is_own(request.user, post))):
        raise Http404
    context = {"post": post, "label": selectors.author_label(post), "revisions": selectors.post_revisions(post)}
    return render(request, "forums/post_history.html", context)


# --- Writing ---------------------------------------------------------------------------------------------------


def _attachment(form_data, name: str, model):
    slug = (form_data.get(name) or "").strip()
    if not slug:
        return None
    return model.objects.filter(slug=slug).first()


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request, slug: str):
    forum = _readable_forum(request, slug)
    user = request.user
    if not can_post(user, forum):
        raise PermissionDenied(_("You may not post in this forum."))
    initial = {"practice": request.GET.get("practice", ""), "city": request.GET.get("city", "")}
    form = TopicForm(request.POST if request.method == "POST" else None, forum=forum, user=user, initial=initial)
    source = form.data if form.is_bound else initial
    practice, city = _attachment(source, "practice", Practice), _attachment(source, "city", City)
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            try:
                topic = services.topic_start(
                    actor=user,
                    forum=forum,
                    title=data["title"],
                    body=data["body"],
                    language=data["language"],
                    pseudonymous=data.get("pseudonymous", False),
                    practice=practice,
                    city=city,
                    ip=_ip(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except ForumRateLimited as error:
                form.add_error(None, str(error))
                status = 429
            except ForumError as error:
                return _refusal(request, error)
            else:
                return redirect(topic)
        if status == 200:
            status = 400
    context = {"form": form, "forum": forum, "practice": practice, "city": city}
    return render(request, "forums/topic_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def reply(request, pk: int):
    topic = _topic(request, pk)
    user, forum = request.user, topic.forum
    quote = None
    quote_id = _number(request.POST.get("quote_of") or request.GET.get("quote"), 0)
    if quote_id:
        quote = Post.objects.select_related("author").filter(pk=quote_id, topic=topic, hidden=False).first()
        if quote is not None and quote.is_gone:
            quote = None
    form = ReplyForm(
        request.POST if request.method == "POST" else None,
        forum=forum,
        user=user,
        initial={"quote_of": quote.pk if quote else None},
        pseudonymous_here=Post.objects.filter(topic=topic, author=user).exclude(pseudonym="").exists(),
    )
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.post_reply(
                    actor=user,
                    topic=topic,
                    body=data["body"],
                    language=data["language"],
                    pseudonymous=data.get("pseudonymous", False) if forum.pseudonyms_allowed else False,
                    quote_of=quote,
                    ip=_ip(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except ForumRateLimited as error:
                form.add_error(None, str(error))
                status = 429
            except ForumError as error:
                return _refusal(request, error)
            else:
                return redirect(post)
        if status == 200:
            status = 400
    if quote is not None:
        quote.label = selectors.author_label(quote)
    context = {"form": form, "topic": topic, "quote": quote}
    return render(request, "forums/reply.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = _post(request, pk)
    if post.author_id != request.user.pk or post.is_gone:
        raise PermissionDenied(_("Only its author edits a post."))
    topic = post.topic
    with_title = post.number == 1
    initial = {"body": post.body, "title": topic.title}
    form = EditForm(request.POST if request.method == "POST" else None, with_title=with_title, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            services.post_edit(
                actor=request.user, post=post, body=form.cleaned_data["body"], title=form.cleaned_data.get("title")
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ForumError as error:
            return _refusal(request, error)
        else:
            messages.success(request, _("Your post is updated; its earlier text stays in its history."))
            return redirect(post)
    return _form_page(
        request,
        form,
        heading=_("Edit your post"),
        submit=_("Save"),
        back=post.get_absolute_url(),
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk: int):
    post = _post(request, pk)
    if post.author_id != request.user.pk:
        raise PermissionDenied(_("Only its author deletes a post."))
    if request.method == "POST":
        try:
            services.post_delete(actor=request.user, post=post)
        except ForumError as error:
            return _refusal(request, error)
        messages.success(request, _("Your post is deleted."))
        if post.number == 1:
            return redirect(post.topic.forum)
        return redirect(post)
    intro = _("Deleting the opening post deletes the whole topic.") if post.number == 1 else ""
    return _form_page(
        request,
        None,
        heading=_("Delete your post?"),
        submit=_("Delete"),
        back=post.get_absolute_url(),
        intro=intro,
        post=post,
        danger=True,
    )


@login_required
@require_POST
def post_react(request, pk: int):
    post = _post(request, pk)
    try:
        services.reaction_toggle(actor=request.user, post=post, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        return refused(request, " ".join(error.messages))
    except ForumError as error:
        return _refusal(request, error)
    return redirect(post)


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request, pk: int):
    post = _post(request, pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.post_report(
                actor=request.user, post=post, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ForumError as error:
            return _refusal(request, error)
        else:
            messages.success(request, _("Thank you: the moderators will look at it."))
            return redirect(post)
    post.label = selectors.author_label(post)
    return _form_page(
        request,
        form,
        heading=_("Report a post to the moderators"),
        submit=_("Send the report"),
        back=post.get_absolute_url(),
        post=post,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def follow(request, kind: str, key: str):
    target = _readable_forum(request, key) if kind == "forum" else _topic(request, _number(key, 0))
    wanted = request.POST.get("follow") == "1"
    try:
        services.follow_set(user=request.user, target=target, follow=wanted)
    except ForumError as error:
        return _refusal(request, error)
    messages.success(request, _("You follow it now.") if wanted else _("You no longer follow it."))
    return redirect(target)


# --- Moderation ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def post_moderate(request, pk: int):
    post = _post(request, pk)
    if not can_moderate(request.user, post.topic.forum):
        raise PermissionDenied(_("Only the forum's moderators do this."))
    form = PostModerationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        move = {"hide": services.post_hide, "restore": services.post_restore, "remove": services.post_remove}
        try:
            move[form.cleaned_data["action"]](actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        except ForumError as error:
            return _refusal(request, error)
        else:
            messages.success(request, _("Done; the author is told, and the decision is in the audit log."))
            return redirect(post)
    post.label = selectors.author_label(post)
    return _form_page(
        request,
        form,
        heading=_("Moderate a post"),
        submit=_("Apply"),
        back=post.get_absolute_url(),
        post=post,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_moderate(request, pk: int):
    topic = _topic(request, pk)
    user = request.user
    if not can_moderate(user, topic.forum):
        raise PermissionDenied(_("Only the forum's moderators do this."))
    targets = selectors.forums_visible(user).exclude(pk=topic.forum_id)
    if not is_staff_moderator(user):
        targets = targets.filter(pk__in=[pk for pk, role in _moderated(user)])
    form = TopicModerationForm(request.POST if request.method == "POST" else None, forums=targets)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "move":
                services.topic_move(actor=user, topic=topic, forum=data["forum"], reason=data["reason"])
            else:
                services.topic_flag(actor=user, topic=topic, move=data["action"], reason=data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        except ForumError as error:
            return _refusal(request, error)
        else:
            messages.success(request, _("Done; the author is told, and the decision is in the audit log."))
            return redirect(topic)
    return _form_page(
        request,
        form,
        heading=_("Moderate the topic “%(title)s”") % {"title": topic.title},
        submit=_("Apply"),
        back=topic.get_absolute_url(),
        status=400 if form.is_bound else 200,
    )


def _moderated(user):
    from network.forums.permissions import memberships

    return [(pk, role) for pk, role in memberships(user).items() if role == "moderator"]


@login_required
@require_http_methods(["GET", "POST"])
def post_sanction(request, pk: int):
    """Sanction the author of a post, named only as the post names them."""
    post = _post(request, pk)
    user, forum = request.user, post.topic.forum
    if not can_moderate(user, forum):
        raise PermissionDenied(_("Only the forum's moderators do this."))
    staff = is_staff_moderator(user)
    form = SanctionForm(request.POST if request.method == "POST" else None, staff=staff)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        scope = None if data.get("everywhere") else forum
        try:
            if data["kind"] == SanctionKind.WARN:
                services.member_warn(actor=user, user=post.author, forum=scope, reason=data["reason"])
            elif data["kind"] == SanctionKind.SUSPEND:
                services.member_suspend(
                    actor=user, user=post.author, forum=scope, days=data["days"], reason=data["reason"]
                )
            else:
                services.member_ban(actor=user, user=post.author, forum=scope, reason=data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        except ForumError as error:
            return _refusal(request, error)
        else:
            messages.success(request, _("Done; the person is told, and the decision is in the audit log."))
            return redirect(post)
    post.label = selectors.author_label(post)
    return _form_page(
        request,
        form,
        heading=_("Sanction the author of this post"),
        submit=_("Apply"),
        back=post.get_absolute_url(),
        post=post,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def moderation_queue(request, slug: str | None = None):
    user = request.user
    forum = _readable_forum(request, slug) if slug else None
    if (forum is not None and not can_moderate(user, forum)) or (forum is None and not is_staff_moderator(user)):
        raise PermissionDenied(_("Only moderators see the moderation queue."))
    context = {"forum": forum, "posts": selectors.moderation_queue(user, forum=forum)}
    return render(request, "forums/moderation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug: str):
    forum = _readable_forum(request, slug)
    user = request.user
    staff = can_manage_forums(user)
    if not (staff or can_manage_members(user, forum)):
        raise PermissionDenied(_("Only the group's moderators manage its members."))
    group = forum.access == Access.GROUP
    form = MemberForm(request.POST if request.method == "POST" else None, staff=staff, group=group)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            person = _person(form)
            if person is not None:
                try:
                    if request.POST.get("remove"):
                        services.member_remove(actor=user, forum=forum, user=person)
                    else:
                        services.member_add(actor=user, forum=forum, user=person, role=form.cleaned_data["role"])
                except ValidationError as error:
                    add_service_errors(form, error)
                except ForumConflict as error:
                    form.add_error(None, str(error))
                    status = 409
                except ForumError as error:
                    return _refusal(request, error)
                else:
                    messages.success(request, _("The list is updated."))
                    return redirect("forums:members", slug=forum.slug)
    context = {"forum": forum, "form": form, "members": selectors.forum_members(forum), "staff": staff}
    return render(request, "forums/members.html", context, status=status)


def _person(form):
    handle = form.cleaned_data["handle"].strip().lstrip("@")
    person = (
        get_user_model()
        .objects.annotate(lower_handle=Lower("handle"))
        .filter(lower_handle=handle.lower(), is_active=True)
        .first()
    )
    if person is None:
        form.add_error("handle", _("Nobody has this handle."))
    return person


@login_required
@require_http_methods(["GET", "POST"])
def blocks(request):
    user = request.user
    form = HandleForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            person = _person(form)
            if person is not None:
                try:
                    if request.POST.get("unblock"):
                        services.block_delete(actor=user, blocked=person)
                    else:
                        services.block_create(actor=user, blocked=person)
                except ValidationError as error:
                    add_service_errors(form, error)
                except ForumError as error:
                    form.add_error(None, str(error))
                    status = 409
                else:
                    messages.success(request, _("Your block list is updated."))
                    return redirect("forums:blocks")
    return render(request, "forums/blocks.html", {"form": form, "blocks": selectors.blocks_of(user)}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def forum_create(request):
    if not can_manage_forums(request.user):
        raise PermissionDenied(_("Only staff create forums."))
    form = ForumForm(request.POST if request.method == "POST" else None, initial={"access": Access.PUBLIC})
    if form.is_bound and form.is_valid():
        try:
            forum = services.forum_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except ForumError as error:
            return _refusal(request, error)
        else:
            messages.success(request, _("The forum is open. Name its moderators on its members page."))
            return redirect(forum)
    return _form_page(
        request,
        form,
        heading=_("Create a forum"),
        submit=_("Create the forum"),
        back=reverse("forums:index"),
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def forum_edit(request, slug: str):
    if not can_manage_forums(request.user):
        raise PermissionDenied(_("Only staff edit forums."))
    forum = _forum(request, slug)
    initial = {name: getattr(forum, name) for name in ForumEditForm.base_fields if name != "slug"}
    form = ForumEditForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                forum = services.forum_update(actor=request.user, forum=forum, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except ForumConflict as error:
                form.add_error("access", str(error))
                status = 409
            except ForumError as error:
                return _refusal(request, error)
            else:
                messages.success(request, _("The forum's settings are saved."))
                return redirect(forum)
    return _form_page(
        request,
        form,
        heading=_("Settings of %(name)s") % {"name": forum.name},
        intro=_("Staff name the forum's moderators on its members page."),
        submit=_("Save the settings"),
        back=forum.get_absolute_url(),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_unmask(request, pk: int):
    post = _post(request, pk)
    if not can_unmask(request.user):
        raise PermissionDenied(_("Only staff unmask a pseudonym."))
    form = UnmaskForm(request.POST if request.method == "POST" else None)
    account = None
    if form.is_bound and form.is_valid():
        try:
            account = services.pseudonym_unmask(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        except ForumError as error:
            return _refusal(request, error)
    post.label = selectors.author_label(post)
    context = {"form": form, "post": post, "account": account}
    return render(request, "forums/unmask.html", context, status=400 if form.is_bound and account is None else 200)
