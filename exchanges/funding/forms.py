from django import forms
from django.utils.translation import gettext_lazy as _

from exchanges.forms import DateInput
from exchanges.funding.services import EDITABLE_STATUSES
from exchanges.models import FundingOpportunity


class FundingForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(status.value, status.label) for status in EDITABLE_STATUSES]
    )

    class Meta:
        model = FundingOpportunity
        fields = [
            "funder_name",
            "funder_kind",
            "title",
            "currency",
            "amount_min",
            "amount_max",
            "deadline",
            "eligibility",
            "url",
            "status",
        ]
        widgets = {
            "deadline": DateInput(),
            "eligibility": forms.Textarea(attrs={"rows": 5}),
            "currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
        }
        help_texts = {"url": _("The funder's own page for the call (http or https).")}

    def funding_fields(self) -> dict:
        return dict(self.cleaned_data)
