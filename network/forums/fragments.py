"""The parts of the forums' pages that are the same for every reader who may see them, kept in the shared cache.

A topic page's post has a header (its author's label, its date, its permalink, its number, its edit count) and a
body (the quoted post and its own rendered Markdown) that do not depend on who reads them: the page decides per
reader whether the body is shown at all, and renders the rest (the moderators' note, the folding of a blocked
author, the reactions pressed, the buttons) for each request. A forum's topic list has, on each row, the topic's
cells but the reader's unread count. Rendering those was most of the pages' time, so a page reads them from the
cache in one round trip and renders only the ones missing, which it writes back (`page_cache.kept_fragments`).

They are kept under the versions of the parts whose tables they show (network/page_cache.py), which every write to
those tables changes at once and on commit: an edited, hidden, deleted or quoted post, a renamed topic, a changed
handle, is shown on the very next request. The key also holds the language, the time zone and what the page adds
(the topic, the page's first number that the permalinks name). Without the page cache (`PAGE_CACHE_SECONDS` 0) every
part is rendered for each request."""

from collections.abc import Callable, Sequence

from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from network import page_cache
from network.forums.forms import ReplyForm
from network.forums.models import Post, Topic

POST_PARTS = ("forums", "accounts")
# A row names the topic's practice and city.
TOPIC_ROW_PARTS = ("forums", "practices", "cities")


def _render(templates: Sequence[str], objects: Sequence, context: Callable) -> dict[int, tuple]:
    # Rendered templates are safe strings, and kept as such.
    compiled = [get_template(name).template for name in templates]
    rendered = {}
    for item in objects:
        values = Context(context(item), autoescape=True)
        rendered[item.pk] = tuple(template.render(values) for template in compiled)
    return rendered


def render_posts(posts: Sequence[Post], topic: Topic, first_number: int) -> dict[int, tuple]:
    page = {"first_number": first_number}
    return _render(
        ("forums/_post_head.html", "forums/_post_body.html"),
        posts,
        lambda post: {"post": post, "topic": topic, "page": page},
    )


def attach_post_parts(posts: Sequence[Post], topic: Topic, first_number: int) -> None:
    """Sets `shared_head` and `shared_body` on each of a topic page's posts."""
    if not posts:
        return
    by_id = {post.pk: post for post in posts}
    rendered = page_cache.kept_fragments(
        "forums-post",
        POST_PARTS,
        (str(topic.pk), str(first_number)),
        list(by_id),
        lambda missing: render_posts([by_id[pk] for pk in missing], topic, first_number),
    )
    for post in posts:
        post.shared_head, post.shared_body = rendered[post.pk]


def render_topic_rows(topics: Sequence[Topic]) -> dict[int, tuple]:
    return _render(("forums/_topic_row_title.html", "forums/_topic_row_latest.html"), topics, lambda t: {"topic": t})


def attach_topic_row_parts(topics: Sequence[Topic]) -> None:
    """Sets `shared_title` (the first cell) and `shared_latest` (the last) on each row of a forum's topic list."""
    if not topics:
        return
    by_id = {topic.pk: topic for topic in topics}
    rendered = page_cache.kept_fragments(
        "forums-topic-row",
        TOPIC_ROW_PARTS,
        (),
        list(by_id),
        lambda missing: render_topic_rows([by_id[pk] for pk in missing]),
    )
    for topic in topics:
        topic.shared_title, topic.shared_latest = rendered[topic.pk]


# A blank reply form is drawn alike for every reader with the same language and the same fields and initial values
# (which fields the forum offers, the reader's language of messages, whether they post under a pseudonym here), a
# handful of combinations: each is drawn once per process. Its token is outside it, in the page.
_BLANK_REPLY_FORMS: dict[tuple, SafeString] = {}
_BLANK_REPLY_FORMS_MAX = 256


def blank_reply_form(form: ReplyForm) -> SafeString:
    """The unbound reply form's HTML."""
    key = (get_language(), *((name, field.initial) for name, field in form.fields.items()))
    html = _BLANK_REPLY_FORMS.get(key)
    if html is None:
        if len(_BLANK_REPLY_FORMS) >= _BLANK_REPLY_FORMS_MAX:
            _BLANK_REPLY_FORMS.clear()
        html = _BLANK_REPLY_FORMS[key] = form.render()
    return html
