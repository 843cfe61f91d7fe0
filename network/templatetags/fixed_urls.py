"""`{% url %}` as Django's, except that an address with no arguments is looked up once per process.

Every page's header, footer and home cards name a dozen or more fixed addresses, and `reverse()` was a fifth of the
home page's time. Such an address depends only on the URLconf, the script prefix and the application namespace in
use, which are the key; a change of `ROOT_URLCONF` (tests) empties the memo. Loaded as a template builtin after
Django's own tags, so every template's `{% url %}` is this one."""

from django.core.signals import setting_changed
from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = Library()
_FIXED: dict[tuple, str] = {}


def _forget(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _FIXED.clear()


setting_changed.connect(_forget, dispatch_uid="network.fixed_urls")


class FixedURLNode(URLNode):
    def render(self, context):
        if self.args or self.kwargs:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
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
