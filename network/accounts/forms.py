from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from network.accounts.models import AffiliationKind, User, handle_validator, validate_handle_not_reserved
from network.accounts.roles import Role
from network.audit.services import audit_record


def clean_handle_value(handle: str, *, exclude_pk: int | None = None) -> str:
    handle = handle.strip()
    handle_validator(handle)
    validate_handle_not_reserved(handle)
    taken = User.objects.filter(handle__iexact=handle)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise forms.ValidationError(_("This handle is already taken. Please choose another."), code="taken")
    return handle


class SignupForm(AllauthSignupForm):
    handle = forms.CharField(
        label=_("Public handle"),
        max_length=30,
        help_text=_("The only name others see. It need not be your real name; your email address is never shown."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "spellcheck": "false"}),
    )
    affiliation_kind = forms.ChoiceField(label=_("I take part as"), choices=AffiliationKind.choices, required=False)
    affiliation = forms.CharField(
        label=_("Affiliation (optional, public)"),
        max_length=200,
        required=False,
        help_text=_("An organisation or group you want to be known by. Leave empty to stay unaffiliated."),
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    field_order = ["email", "handle", "password1", "password2", "affiliation_kind", "affiliation", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The language the page is shown in (cookie, browser) is the best first guess.
        self.fields["preferred_language"].initial = translation.get_language() or settings.LANGUAGE_CODE

    def clean_handle(self) -> str:
        return clean_handle_value(self.cleaned_data["handle"])

    def try_save(self, request):
        """An address that already has an account gets a mail instead of a second account (allauth's prevention
        of enumeration). The answer must not tell the two apart by its timing either, so both do the same work: a
        password hash (by far the slowest step of creating an account) and one committed write, the new account's
        rows or, for a taken address, an audit row that lets staff see an address being probed."""
        with transaction.atomic():
            if self.account_already_exists:
                make_password(self.cleaned_data["password1"])
                owner = User.objects.filter(emailaddress__email__iexact=self.cleaned_data["email"]).first()
                if owner is not None:
                    audit_record(actor=None, action="accounts.signup.address_taken", target=owner)
            return super().try_save(request)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["handle", "affiliation_kind", "affiliation", "preferred_language"]

    def clean_handle(self) -> str:
        return clean_handle_value(self.cleaned_data["handle"], exclude_pk=self.instance.pk)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and everything tied to it will be deleted for good."),
        required=True,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."), code="wrong_password")
        return password


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    grant = forms.TypedChoiceField(
        label=_("Change"),
        choices=[("1", _("Grant")), ("0", _("Revoke"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(label=_("Reason (kept in the audit log)"), max_length=500, required=True)
