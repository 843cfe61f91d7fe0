"""A `<select>` of the world's countries that is written as a string, not through the widget templates: 250
options, each an included template, cost the directory's filters more than the rest of its form. The options of a
list of choices are escaped once per language and kept; a render only marks the chosen one. The HTML is what
Django's `Select` writes."""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


@lru_cache(maxsize=64)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """(value, what comes before " selected", what comes after) for each choice."""
    return tuple((value, f'<option value="{escape(value)}"', f">{escape(label)}</option>") for value, label in choices)


class CountrySelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)  # groups: Django's own way
        chosen = set(self.format_value(value))
        options = _options(tuple((str(choice), str(label)) for choice, label in choices))
        written = "\n  ".join(
            f"{before} selected{after}" if option in chosen else f"{before}{after}" for option, before, after in options
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>\n  {written}\n</select>')  # noqa: S308 - escaped
