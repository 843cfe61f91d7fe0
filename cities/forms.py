from django import forms
from django.utils.translation import gettext_lazy as _

from cities.letters import validate_letter
from cities.models import (
    CHARTER_COMMITMENTS,
    MESSAGE_MAX_LENGTH,
    City,
    CityChallenge,
    MembershipApplication,
    PoliceAgency,
)


class PlaceChoiceForm(forms.Form):
    place = forms.IntegerField(
        label=_("City"), widget=forms.HiddenInput, error_messages={"required": _("Find your city, then choose it.")}
    )


class ApplicationForm(forms.ModelForm):
    """What the applicant fills in; nothing is required until they submit (drafts may be incomplete)."""

    letter = forms.FileField(
        label=_("Letter of commitment (PDF, at most 10 MB)"),
        required=False,
        help_text=_("Signed by the mayor or on their behalf. Only network staff and you can download it."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "office_name",
            "office_address",
            "office_website",
            "applicant_position",
            "official_email",
            "letter",
            *CHARTER_COMMITMENTS,
        ]
        help_texts = {
            "office_name": _("For example: Office of the Mayor of Kampala."),
            "office_website": _("The city's or the office's official website."),
            "official_email": _(
                "An address of the office, ideally on the website's domain. Network staff see only its domain (the "
                "part after @) to check that it belongs to the office; the address itself is shown to nobody."
            ),
        }
        widgets = {
            "office_address": forms.Textarea(attrs={"rows": 3}),
            "office_website": forms.URLInput(),
            "official_email": forms.EmailInput(attrs={"autocomplete": "work email"}),
        }
        labels = dict(CHARTER_COMMITMENTS)

    def clean_letter(self):
        letter = self.cleaned_data.get("letter")
        if letter:
            validate_letter(letter)
        return letter

    def application_fields(self) -> dict:
        """The fields that passed their checks (after `is_valid()`), so a draft keeps them whatever else failed."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "letter" and name in self.fields and name not in self.errors
        }

    def valid_letter(self):
        return None if "letter" in self.errors else self.cleaned_data.get("letter") or None


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), required=True
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you withdraw it (optional)"),
        help_text=_("Kept in the network's audit log; it helps staff understand."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApprovalForm(forms.Form):
    reason = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False)


class AgencyForm(forms.ModelForm):
    class Meta:
        model = PoliceAgency
        fields = ["name", "level", "headcount", "oversight_body", "mayor_controls"]


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = CityChallenge
        fields = ["kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


class LegalSystemForm(forms.ModelForm):
    class Meta:
        model = City
        fields = ["legal_system"]
        help_texts = {
            "legal_system": _("Matching compares it with the legal systems of the cities that adopted a practice.")
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's email address"),
        help_text=_(
            "They receive a link valid for 7 days, usable once. Only the city's lead representatives see the address."
        ),
    )
