"""A post's footer (its reactions and the reader's links), written out in Python: a topic page repeats it for each of
its twenty posts, and as template markup the reactions alone were half of the page's rendering time and the links
a fifth of what was left. The markup is the one the template had."""

import functools

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix, reverse
from django.utils.formats import localize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

_COUNT = "\n        <li>{}</li>\n      "
_PAGE = "forums.reaction_buttons.page"


class _PageParts:
    """What every post's buttons share on one page, escaped once: the form token, each kind's value and label, and
    each count as the reader's language writes it."""

    def __init__(self, context):
        self.token = CsrfTokenNode().render(context)
        self.written: dict[str | int, str] = {}

    def write(self, value: str | int) -> str:
        written = self.written.get(value)
        if written is None:
            written = self.written[value] = escape(localize(value) if isinstance(value, int) else value)
        return written


def _button(action: str, token: str, kind: str, pressed: bool, label: str, count: str) -> str:
    return (
        f'\n        <li><form method="post" action="{action}" class="inline-form">{token}'
        f'<input type="hidden" name="kind" value="{kind}">'
        f'<button type="submit" class="button-small{"" if pressed else " button-secondary"}" '
        f'aria-pressed="{"true" if pressed else "false"}">{label} <span>{count}</span></button></form></li>\n      '
    )


@register.simple_tag(takes_context=True)
def reaction_buttons(context, post, react_url: str) -> SafeString:
    """One form per reaction kind, pressed where `post.my_reactions` holds it, each with the page's form token."""
    # The same token for every form of the page, as `{% csrf_token %}` gives: written out once per render.
    page = context.render_context.get(_PAGE)
    if page is None:
        page = context.render_context[_PAGE] = _PageParts(context)
    action, mine = escape(react_url), post.my_reactions
    return SafeString(
        "".join(
            _button(action, page.token, page.write(kind), kind in mine, page.write(label), page.write(count))
            for kind, label, count in post.reaction_counts
        )
    )


@register.simple_tag
def reaction_tally(post) -> SafeString:
    """Each kind's count, where there is one, for a reader who cannot react (a visitor, the post's author)."""
    return format_html_join(
        "",
        _COUNT,
        (
            (format_html("<span>{} {}</span>", label, localize(count)) if count else "",)
            for _kind, label, count in post.reaction_counts
        ),
    )


_FOOTER = "forums.post_footer.page"


class _FooterParts:
    """What every post's footer on one page shares: who reads it and what they may do, and each link's label (the
    page's `{% translate ... as ... %}`), escaped once."""

    def __init__(self, context):
        user = context["user"]
        self.signed_in = bool(context.get("signed_in"))
        self.user_pk = user.pk
        topic = context["topic"]
        self.quote_url = escape(reverse("forums:reply", args=[topic.pk])) if context.get("reply_form") else ""
        self.editable = not topic.locked
        self.can_moderate = bool(context.get("can_moderate"))
        self.can_unmask = bool(context.get("can_unmask"))
        self.reactions_label = escape(context["reactions_label"])
        self.labels = {
            name: escape(context[f"{name}_link"])
            for name in ("quote", "edit", "delete", "report", "moderate", "sanction", "unmask")
        }

    def link(self, url: str, name: str, number: int) -> str:
        return f'<a href="{url}">{self.labels[name]}<span class="visually-hidden"> #{number}</span></a>'


_SENTINEL = 987654321987


@functools.cache
def _address_around_pk(name: str, script_prefix: str) -> tuple[str, str]:
    # An address reversed once per process: what comes before and after the post's number (a number needs no
    # escaping).
    before, _pk, after = escape(reverse(f"forums:{name}", args=[_SENTINEL])).partition(str(_SENTINEL))
    return before, after


def _post_url(name: str, post) -> str:
    before, after = _address_around_pk(name, get_script_prefix())
    return f"{before}{int(post.pk)}{after}"


@register.simple_tag(takes_context=True)
def post_footer(context, post) -> SafeString:
    """A shown post's reactions (buttons for a signed-in reader who did not write it, counts for the others) and the
    links the reader may follow: quote, edit and delete their own, report another's, moderate, unmask."""
    page = context.render_context.get(_FOOTER)
    if page is None:
        page = context.render_context[_FOOTER] = _FooterParts(context)
    own = page.signed_in and post.author_id == page.user_pk
    if page.signed_in and not own:
        reactions = f"\n      {reaction_buttons(context, post, _post_url('post_react', post))}"
    else:
        reactions = f"\n      {reaction_tally(post)}"
    number = post.number
    links = []
    if page.quote_url:
        links.append(
            f'<a href="{page.quote_url}?quote={post.pk}">{page.labels["quote"]}'
            f'<span class="visually-hidden"> #{number}</span></a>'
        )
    if own:
        if page.editable:
            links.append(" · " + page.link(_post_url("post_edit", post), "edit", number))
        links.append(" · " + page.link(_post_url("post_delete", post), "delete", number))
    elif page.signed_in:
        links.append(" · " + page.link(_post_url("post_report", post), "report", number))
    if page.can_moderate:
        links.append(" · " + page.link(_post_url("post_moderate", post), "moderate", number))
        links.append(" · " + page.link(_post_url("post_sanction", post), "sanction", number))
    if page.can_unmask and post.pseudonym:
        links.append(" · " + page.link(_post_url("post_unmask", post), "unmask", number))
    return SafeString(
        f'<footer class="forum-post-actions">\n      <ul class="reactions" aria-label="{page.reactions_label}">'
        f'{reactions}\n      </ul>\n      <p class="actions">\n        {"".join(links)}\n      </p>\n    </footer>'
    )
