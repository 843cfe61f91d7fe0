"""A post's reaction list, written out in Python: a topic page repeats it for each reaction of each of its twenty
posts, and as template markup it was half of the page's rendering time. The markup is the one the template had."""

from django import template
from django.template.defaulttags import CsrfTokenNode
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
