"""`{% error_summary form %}`: the summary of a refused form's errors, drawn once per form however many templates
that draw the form ask for it (the form's own template and, for the account pages, the form element around it)."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def error_summary(context, form) -> str:
    if form is None or not getattr(form, "errors", None) or getattr(form, "_error_summary_drawn", False):
        return ""
    form._error_summary_drawn = True
    return render_to_string("includes/error_summary.html", {"form": form}, request=context.get("request"))
