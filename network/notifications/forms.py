from django import forms
from django.utils.translation import gettext_lazy as _

from network.notifications.kinds import Kind
from network.notifications.models import EmailSchedule


class PreferencesForm(forms.Form):
    """One row per kind a person may turn off: in-app on or off, and email never, at once, daily or weekly."""

    def __init__(self, *args, kinds: list[Kind], current: dict[str, tuple[bool, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = [kind for kind in kinds if kind.optional]
        for kind in self.kinds:
            in_app, email = current.get(kind.key, (kind.in_app, kind.email))
            self.fields[f"{kind.key}__in_app"] = forms.BooleanField(
                label=_("In the app"), required=False, initial=in_app
            )
            self.fields[f"{kind.key}__email"] = forms.ChoiceField(
                label=_("By email"), choices=EmailSchedule.choices, initial=email
            )

    def rows(self):
        return [(kind, self[f"{kind.key}__in_app"], self[f"{kind.key}__email"]) for kind in self.kinds]

    def choices(self) -> dict[str, tuple[bool, str]]:
        return {
            kind.key: (self.cleaned_data[f"{kind.key}__in_app"], self.cleaned_data[f"{kind.key}__email"])
            for kind in self.kinds
        }
