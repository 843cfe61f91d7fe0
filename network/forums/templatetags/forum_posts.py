"""A post's reaction list, written out in Python: a topic page repeats it for each reaction of each of its twenty
posts, and as template markup it was half of the page's rendering time. The markup is the one the template had."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

_BUTTON = (
    '\n        <li><form method="post" action="{}" class="inline-form">{}<input type="hidden" name="kind" value="{}">'
    '<button type="submit" class="button-small{}" aria-pressed="{}">{} <span>{}</span></button></form></li>\n      '
)
_COUNT = "\n        <li>{}</li>\n      "
_TOKEN = "forums.reaction_buttons.token"


@register.simple_tag(takes_context=True)
def reaction_buttons(context, post, react_url: str) -> SafeString:
    """One form per reaction kind, pressed where `post.my_reactions` holds it, each with the page's form token."""
    # The same token for every form of the page, as `{% csrf_token %}` gives: written out once per render.
    token = context.render_context.get(_TOKEN)
    if token is None:
        token = context.render_context[_TOKEN] = CsrfTokenNode().render(context)
    mine = post.my_reactions
    return format_html_join(
        "",
        _BUTTON,
        (
            (
                react_url,
                token,
                kind,
                "" if kind in mine else " button-secondary",
                "true" if kind in mine else "false",
                label,
                localize(count),
            )
            for kind, label, count in post.reaction_counts
        ),
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
