from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.country_select import CountrySelect
from cities.geography import country_choices
from cities.models import City
from exchanges.funding.selectors import open_opportunities
from exchanges.models import (
    CHECKLIST,
    SENSITIVE_FIELD_CHOICES,
    Category,
    CommentVisibility,
    Finding,
    PartnerAgency,
    Proposal,
    Rating,
    Recommendation,
    Topic,
)
from exchanges.workflow import DECISIONS, MOVES

CONDITION_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"


class PartnerForm(forms.ModelForm):
    country_code = forms.ChoiceField(label=_("Country"), choices=[("", "—")], widget=CountrySelect)

    class Meta:
        model = PartnerAgency
        fields = ["name", "aliases", "country_code", "city_name", "level", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country_code"].choices = [("", "—"), *country_choices()]
        self.fields["parent"].queryset = PartnerAgency.objects.filter(verified=True).order_by("name")


class FindingForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Categories"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Finding
        fields = [
            "source_kind",
            "publisher",
            "title",
            "published_on",
            "categories",
            "severity",
            "credibility",
            "url",
            "summary",
        ]
        widgets = {"published_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 5})}


class ProposalForm(forms.ModelForm):
    """Nothing is required until the city submits: drafts may be incomplete."""

    topics = forms.MultipleChoiceField(
        label=_("Curriculum topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    agenda = forms.FileField(
        label=_("Agenda (PDF, at most 10 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    curriculum = forms.FileField(
        label=_("Curriculum (PDF, at most 10 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "partners",
            "direction",
            "exchange_type",
            "topics",
            "starts_on",
            "ends_on",
            "officers",
            "units",
            "cost",
            "payer",
            "objectives",
            "practices",
            "funding",
            "funding_amount",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "objectives": forms.Textarea(attrs={"rows": 5}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
            "practices": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "partners": _("Not listed? Add the agency to the registry first; staff verify it."),
            "cost": _("The whole cost, in euros, whoever pays it."),
            "funding": _("An open call of the funding registry that pays for this exchange."),
            "funding_amount": _("In the opportunity's currency, within its range."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from practices.models import Practice, PracticeStatus

        mine = Q(created_by=user) if user is not None and user.is_authenticated else Q(pk__in=[])
        self.fields["partners"].queryset = PartnerAgency.objects.filter(Q(verified=True) | mine).order_by("name")
        self.fields["practices"].queryset = Practice.objects.filter(status=PracticeStatus.PUBLISHED).order_by("title")
        current = self.instance.funding_id if self.instance and self.instance.pk else None
        self.fields["funding"].queryset = open_opportunities(keep=current)
        self.fields["funding"].label_from_instance = _funding_label

    def proposal_fields(self) -> dict:
        skip = {"partners", "practices", "agenda", "curriculum"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


def _funding_label(opportunity) -> str:
    low = opportunity.amount_min if opportunity.amount_min is not None else "…"
    high = opportunity.amount_max if opportunity.amount_max is not None else "…"
    return f"{opportunity.funder_name}: {opportunity.title} ({low} to {high} {opportunity.currency})"


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Post-exchange report"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=get_user_model().objects.none())
    due_on = forms.DateField(label=_("Review due"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(
            Q(groups__permissions__codename="review_proposal", groups__permissions__content_type__app_label="exchanges")
            | Q(user_permissions__codename="review_proposal"),
            is_active=True,
        )
        self.fields["reviewer"].queryset = users.distinct().order_by("handle")
        self.fields["reviewer"].label_from_instance = lambda user: user.handle


class OpenReviewForm(forms.Form):
    comment_days = forms.IntegerField(label=_("Comment window (days)"), min_value=1, max_value=90, initial=14)


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Your recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item, question in CHECKLIST.items():
            self.fields[f"{item}_rating"] = forms.TypedChoiceField(
                label=question, choices=[("", "—"), *Rating.choices], coerce=int
            )
            self.fields[f"{item}_rationale"] = forms.CharField(
                label=_("Why"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
            )

    def items(self):
        return [(self[f"{item}_rating"], self[f"{item}_rationale"]) for item in CHECKLIST]

    def checklist(self) -> dict:
        return {
            item: {"rating": self.cleaned_data[f"{item}_rating"], "rationale": self.cleaned_data[f"{item}_rationale"]}
            for item in CHECKLIST
        }


class DecisionForm(forms.Form):
    move = forms.ChoiceField(
        label=_("Decision"),
        choices=[(move, MOVES[move].label) for move in DECISIONS],
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(label=_("Rationale"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    summary = forms.CharField(
        label=_("Public summary of the rationale"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the public register unless you withhold it."),
    )
    letter_reasons = forms.CharField(
        label=_("Reasons disclosed to the partner agency"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a rejection: what the letter to the partner says."),
    )
    override_reason = forms.CharField(
        label=_("Why you side with one recommendation"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when fewer than two reviewers recommend this decision."),
    )
    sensitive_fields = forms.MultipleChoiceField(
        label=_("Withhold from the public register"),
        choices=SENSITIVE_FIELD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(CONDITION_ROWS):
            self.fields[f"condition_{row}_measure"] = forms.CharField(
                label=_("Measure"), max_length=500, required=False
            )
            self.fields[f"condition_{row}_owner"] = forms.CharField(label=_("Owner"), max_length=200, required=False)
            self.fields[f"condition_{row}_due_on"] = forms.DateField(label=_("Due"), required=False, widget=DateInput())

    def condition_rows(self):
        return [
            (self[f"condition_{row}_measure"], self[f"condition_{row}_owner"], self[f"condition_{row}_due_on"])
            for row in range(CONDITION_ROWS)
        ]

    def decision(self) -> dict:
        data = self.cleaned_data
        conditions = [
            {
                "measure": data.get(f"condition_{row}_measure", ""),
                "owner": data.get(f"condition_{row}_owner", ""),
                "due_on": data.get(f"condition_{row}_due_on"),
            }
            for row in range(CONDITION_ROWS)
        ]
        return {
            "move": data["move"],
            "rationale": data["rationale"],
            "summary": data["summary"],
            "letter_reasons": data["letter_reasons"],
            "override_reason": data["override_reason"],
            "sensitive_fields": data["sensitive_fields"],
            "conditions": [row for row in conditions if row["measure"] or row["owner"] or row["due_on"]],
        }


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment (Markdown)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=CommentVisibility.choices,
        initial=CommentVisibility.PUBLIC,
        widget=forms.RadioSelect,
    )


class ConflictForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none(), required=False)
    partner = forms.ModelChoiceField(label=_("Partner agency"), queryset=PartnerAgency.objects.none(), required=False)
    reason = forms.CharField(label=_("What the conflict is"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(membership_status="member").order_by("name")
        self.fields["partner"].queryset = PartnerAgency.objects.order_by("name")

    def clean(self):
        data = super().clean()
        if bool(data.get("city")) == bool(data.get("partner")):
            raise forms.ValidationError(_("Choose a city or a partner agency."))
        return data


class RegisterFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), required=False)
    exchange_type = forms.ChoiceField(label=_("Type"), required=False)
    payer = forms.ChoiceField(label=_("Who paid"), required=False)
    country = forms.ChoiceField(label=_("Partner's country"), required=False, widget=CountrySelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from exchanges.models import REGISTER_STATUSES, ExchangeType, Payer, Status

        labels = dict(Status.choices)
        self.fields["status"].choices = [("", _("Any")), *((s, labels[s]) for s in REGISTER_STATUSES)]
        self.fields["exchange_type"].choices = [("", _("Any")), *ExchangeType.choices]
        self.fields["payer"].choices = [("", _("Any")), *Payer.choices]
        self.fields["country"].choices = [("", _("Any")), *country_choices()]
