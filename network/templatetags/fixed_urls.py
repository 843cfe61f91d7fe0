"""`{% url %}` as Django's, except that addresses are looked up once per process where that gives the same answer.

Every page's header, footer and home cards name a dozen or more fixed addresses, and `reverse()` was a fifth of the
home page's time. Such an address depends only on the URLconf, the script prefix and the application namespace in
use, which are the key; a change of `ROOT_URLCONF` (tests) empties the memo. Loaded as a template builtin after
Django's own tags, so every template's `{% url %}` is this one.

A list names one address per row (`{% url 'forums:topic' topic.pk %}`, a post's five links): an address whose only
arguments are whole numbers, given by position to a route of `<int:…>` parts, is reversed once with marker numbers
and then filled in, which is what `reverse()` would do with them (`IntConverter.to_url` is `str`). Anything else
(a slug, a keyword argument, a negative number, a regex route) goes through `reverse()` every time."""

import re

from django.core.signals import setting_changed
from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, get_urlconf, resolve, reverse
from django.utils.html import conditional_escape

register = Library()
_FIXED: dict[tuple, str] = {}
# (view name, number of arguments, app, urlconf, prefix) → the address split around its arguments, or None when
# the route does not qualify.
_NUMBERED: dict[tuple, tuple[str, ...] | None] = {}
_MARKER = 7_304_918_265_000
_ROUTE_PART = re.compile(r"<([^>]*)>")
_REGEX_SYNTAX = re.compile(r"[\^$()\[\]\\?*+{}|]")


def _forget(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _FIXED.clear()
        _NUMBERED.clear()


setting_changed.connect(_forget, dispatch_uid="network.fixed_urls")


def _numbered_pieces(view_name: str, count: int, current_app) -> tuple[str, ...] | None:
    """The address of `view_name` cut where its `count` numbers go, or None unless every one of them is an
    `<int:…>` part of a plain route that resolves back to this name with the same numbers in the same order."""
    markers = [_MARKER + index for index in range(count)]
    try:
        url = reverse(view_name, args=markers, current_app=current_app)
        match = resolve(url)
    except (NoReverseMatch, Resolver404):
        return None
    parts = _ROUTE_PART.findall(match.route)
    if (
        match.view_name != view_name
        or _REGEX_SYNTAX.search(match.route)
        or len(parts) != count
        or not all(part.startswith("int:") for part in parts)
        or list(match.captured_kwargs.values()) != markers
    ):
        return None
    pieces = []
    rest = url
    for marker in markers:
        before, found, rest = rest.partition(str(marker))
        if not found or str(marker) in rest:
            return None
        pieces.append(before)
    pieces.append(rest)
    return tuple(pieces)


def _pieces(view_name: str, count: int, current_app) -> tuple[str, ...] | None:
    key = (view_name, count, current_app, get_urlconf(), get_script_prefix())
    if key not in _NUMBERED:
        _NUMBERED[key] = _numbered_pieces(view_name, count, current_app)
    return _NUMBERED[key]


def numbered_url(view_name: str, *numbers: int, current_app=None) -> str:
    """`reverse(view_name, args=numbers)`, from the memo where the route qualifies (see the module's note)."""
    pieces = _pieces(view_name, len(numbers), current_app)
    if pieces is None or not all(type(number) is int and number >= 0 for number in numbers):
        return reverse(view_name, args=numbers, current_app=current_app)
    return pieces[0] + "".join(str(number) + piece for number, piece in zip(numbers, pieces[1:], strict=True))


def _current_app(context):
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


class FixedURLNode(URLNode):
    def render(self, context):
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        if args and not all(type(arg) is int and arg >= 0 for arg in args):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        current_app = _current_app(context)
        if args:
            pieces = _pieces(view_name, len(args), current_app)
            if pieces is None:
                return super().render(context)
            url = pieces[0] + "".join(str(arg) + piece for arg, piece in zip(args, pieces[1:], strict=True))
        else:
            key = (view_name, current_app, get_urlconf(), get_script_prefix())
            url = _FIXED.get(key)
            if url is None:
                url = ""
                try:
                    url = _FIXED[key] = reverse(view_name, current_app=current_app)
                except NoReverseMatch:
                    if self.asvar is None:
                        raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return FixedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
