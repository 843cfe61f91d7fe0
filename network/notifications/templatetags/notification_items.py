"""A notification in a list, written out in Python: the inbox repeats it for each of its twenty-five rows, and as
template markup it was most of the page's rendering time. The markup is the one the template had."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from network.templatetags.fixed_urls import numbered_url
from network.templatetags.network_dates import ago

register = template.Library()

_PAGE = "notifications.item.page"


class _PageParts:
    """What every row's markup on one page shares, worked out once: the form token, the address to come back to and
    the labels."""

    def __init__(self, context):
        self.token = CsrfTokenNode().render(context)
        request = context.get("request")
        self.back = escape(request.get_full_path()) if request is not None else ""
        self.new = gettext("New")
        self.mark_read = gettext("Mark as read")


@register.simple_tag(takes_context=True)
def notification_item(context, notification) -> SafeString:
    page = context.render_context.get(_PAGE)
    if page is None:
        page = context.render_context[_PAGE] = _PageParts(context)
    pk = int(notification.pk)
    event = notification.event
    summary = escape(notification.summary)
    unread = notification.is_unread
    if event.target_url:
        summary_line = f'<a href="{escape(numbered_url("notifications:open", pk))}">{summary}</a>'
    else:
        summary_line = summary
    meta = ""
    if notification.actor_label:
        meta += gettext("By %(actor)s") % {"actor": escape(notification.actor_label)} + " · "
    if event.target_label:
        meta += f"{escape(event.target_label)} · "
    created = timezone.localtime(notification.created_at)
    stamp, title = escape(date_filter(created, "c")), escape(date_filter(created, "DATETIME_FORMAT"))
    meta += f'<time datetime="{stamp}" title="{title}">{escape(ago(notification.created_at))}</time>'

    if unread:
        read_url = escape(numbered_url("notifications:read", pk))
        form = (
            f'\n  <form method="post" action="{read_url}" class="inline-form" hx-post="{read_url}" '
            f'hx-target="#notification-{pk}" hx-swap="outerHTML">\n    {page.token}\n'
            f'    <input type="hidden" name="next" value="{page.back}">\n'
            f'    <button type="submit" class="button-small button-secondary">{page.mark_read}'
            f'<span class="visually-hidden">: {summary}</span></button>\n  </form>\n  '
        )
    else:
        form = ""
    badge = f'<span class="badge">{page.new}</span> ' if unread else ""
    return SafeString(
        f'<li class="notification{" notification-unread" if unread else ""}" id="notification-{pk}">\n'
        f'  <p class="notification-summary">\n    {badge}\n'
        f"    {summary_line}\n  </p>\n"
        f'  <p class="notification-meta">\n    {meta}\n  </p>\n'
        f"  {form}\n</li>\n"
    )
