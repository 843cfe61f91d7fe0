"""Atom feeds of the public forums: one per forum (its newest topics, each with its opening post) and one per topic
(its newest posts). Only a public forum has feeds; a members' forum or a working group answers 404, as does a topic
a visitor could not read. What a feed shows is what a visitor sees, whoever asks for it: authors by their public
name (a handle or a pseudonym), the posts' sanitised HTML, escaped as Atom requires."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network.forums import selectors
from network.forums.models import Access, Forum, Topic

FEED_ITEMS = 30


def _visitor():
    # A feed is public: it shows what anyone would see, never what the person asking may see besides.
    return AnonymousUser()


def _answer(feed: Atom1Feed) -> HttpResponse:
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _add_post(feed: Atom1Feed, request, post, title: str) -> None:
    link = request.build_absolute_uri(post.get_absolute_url())
    feed.add_item(
        title=title,
        link=link,
        description=post.body_html,
        author_name=selectors.author_label(post),
        pubdate=post.created_at,
        updateddate=post.edited_at or post.created_at,
        unique_id=link,
    )


@require_GET
def forum_feed(request, slug: str):
    forum = Forum.objects.filter(slug=slug, access=Access.PUBLIC).first()
    if forum is None:
        raise Http404
    feed = Atom1Feed(
        title=forum.name,
        link=request.build_absolute_uri(forum.get_absolute_url()),
        description=_("New topics in %(forum)s.") % {"forum": forum.name},
        feed_url=request.build_absolute_uri(reverse("forums:forum_feed", args=[forum.slug])),
        language=translation.get_language(),
    )
    openings = (
        selectors.posts_visible(_visitor())
        .filter(topic__forum=forum, number=1)
        .select_related("topic", "author")
        .order_by("-topic__created_at", "-topic_id")[:FEED_ITEMS]
    )
    for post in openings:
        _add_post(feed, request, post, post.topic.title)
    return _answer(feed)


@require_GET
def topic_feed(request, pk: int):
    # A hidden or deleted topic is not a visitor's to read.
    topic = Topic.objects.filter(pk=pk, forum__access=Access.PUBLIC, hidden=False, deleted_at__isnull=True).first()
    if topic is None:
        raise Http404
    feed = Atom1Feed(
        title=topic.title,
        link=request.build_absolute_uri(topic.get_absolute_url()),
        description=_("New posts in “%(topic)s”.") % {"topic": topic.title},
        feed_url=request.build_absolute_uri(reverse("forums:topic_feed", args=[topic.pk])),
        language=translation.get_language(),
    )
    posts = selectors.posts_visible(_visitor()).filter(topic=topic).select_related("author").order_by("-number")
    for post in posts[:FEED_ITEMS]:
        title = (
            topic.title
            if post.number == 1
            else _("Reply %(number)s to “%(topic)s”")
            % {
                "number": post.number,
                "topic": topic.title,
            }
        )
        _add_post(feed, request, post, title)
    return _answer(feed)
