from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from cities.country_select import CountrySelect
from cities.geography import Region, country_choices
from practices.models import (
    Adoption,
    AdoptionStatus,
    Collection,
    MayoralControl,
    PoliceLevel,
    Practice,
    PracticeStatus,
    PracticeTranslation,
    Rating,
    ShadowFlagReason,
    ShadowVerdict,
    Suggestion,
    Theme,
)
from practices.services import CONTENT_FIELDS, RATING_FIELDS

SOURCE_SEPARATOR = "|"


def sources_as_text(sources) -> str:
    return "\n".join(
        f" {SOURCE_SEPARATOR} ".join([source.title, source.publisher, str(source.year or ""), source.url]).rstrip(
            f" {SOURCE_SEPARATOR}"
        )
        for source in sources
    )


class PracticeForm(forms.ModelForm):
    """Staff's form for a library record. Sources are written one a line: title | publisher | year | link."""

    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple, required=True
    )
    transfer_police_levels = forms.MultipleChoiceField(
        label=_("Works with these police forces"),
        choices=PoliceLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    origin_country = forms.ChoiceField(label=_("Country of origin"), choices=(), required=False, widget=CountrySelect)
    sources_text = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One a line: title | publisher | year | link. For example: Annual report | City of Eugene | 2020 | https://…"
        ),
    )
    related = forms.ModelMultipleChoiceField(
        label=_("Related practices"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Practice
        fields = [*CONTENT_FIELDS, *RATING_FIELDS]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "population": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "emmie_effect": forms.Textarea(attrs={"rows": 3}),
            "emmie_mechanism": forms.Textarea(attrs={"rows": 3}),
            "emmie_moderators": forms.Textarea(attrs={"rows": 3}),
            "emmie_implementation": forms.Textarea(attrs={"rows": 3}),
            "emmie_economic_cost": forms.Textarea(attrs={"rows": 3}),
            "transfer_legal_system": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "body": _("Markdown: ## headings, lists, links, **bold**. HTML is removed."),
            "single_study": _("Tick when the rating rests on one study only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin_country"].choices = [("", _("None or several")), *list(country_choices())]
        self.fields["transfer_mayoral_control"].choices = MayoralControl.choices
        related = Practice.objects.filter(status=PracticeStatus.PUBLISHED).only("id", "title").order_by("title")
        if self.instance.pk:
            related = related.exclude(pk=self.instance.pk)
            self.initial.setdefault("sources_text", sources_as_text(self.instance.sources.all()))
            self.initial.setdefault("related", list(self.instance.related.values_list("pk", flat=True)))
        self.fields["related"].queryset = related
        if self.instance.pk and self.instance.status == PracticeStatus.PUBLISHED:
            # A published record's rating changes through a proposal a colleague approves, not here.
            for name in RATING_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Propose a new rating from the record's page; a colleague approves it.")

    def clean_sources_text(self) -> list[dict]:
        sources, problems = [], []
        validate_url = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(self.cleaned_data["sources_text"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(SOURCE_SEPARATOR)]
            parts += [""] * (4 - len(parts))
            if len(parts) > 4 or not parts[0]:
                problems.append(_("Line %(n)s: write title | publisher | year | link.") % {"n": number})
                continue
            title, publisher, year, url = parts
            if year and not (year.isdigit() and 1800 <= int(year) <= 2100):
                problems.append(_("Line %(n)s: the year must be a year, like 2016.") % {"n": number})
                continue
            if url:
                try:
                    validate_url(url)
                except forms.ValidationError:
                    problems.append(_("Line %(n)s: the link must start with http:// or https://.") % {"n": number})
                    continue
            sources.append(
                {"title": title[:300], "publisher": publisher[:200], "year": int(year) if year else None, "url": url}
            )
        if problems:
            raise forms.ValidationError(problems)
        return sources

    def content(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in CONTENT_FIELDS}
        fields["origin_country"] = data.get("origin_country") or ""
        if not (self.instance.pk and self.instance.status == PracticeStatus.PUBLISHED):
            fields.update({name: data[name] for name in RATING_FIELDS})
        return fields


class RatingProposalForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Evidence rating"), choices=[c for c in Rating.choices if c[0] != Rating.NOT_RATED]
    )
    study_count = forms.IntegerField(label=_("Number of studies"), min_value=0, max_value=1000)
    study_design = forms.CharField(label=_("Kind of studies"), max_length=300, required=False)
    single_study = forms.BooleanField(label=_("The rating rests on a single study"), required=False)
    rationale = forms.CharField(
        label=_("Why the rating changes"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False)


class AdoptionForm(forms.ModelForm):
    practice = forms.ModelChoiceField(
        label=_("Practice"), queryset=Practice.objects.none(), to_field_name="slug", empty_label=_("Choose a practice")
    )

    class Meta:
        model = Adoption
        fields = ["practice", "status", "policy_text", "policy_url", "effective_date"]
        widgets = {
            "policy_text": forms.Textarea(attrs={"rows": 5}),
            "policy_url": forms.URLInput(),
            "effective_date": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "policy_text": _("Quote the section of the written policy, word for word."),
            "policy_url": _("Where the public can read the policy."),
        }

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = (
            Practice.objects.filter(status=PracticeStatus.PUBLISHED).only("id", "slug", "title").order_by("title")
        )
        # Each practice under its title in the reader's language where staff translated it (one query, none in
        # English).
        self.titles = {}
        if language and language != "en":
            self.titles = dict(
                PracticeTranslation.objects.filter(
                    language=language, practice__status=PracticeStatus.PUBLISHED
                ).values_list("practice_id", "title")
            )
        self.fields["practice"].label_from_instance = self.practice_title
        self.fields["status"].choices = AdoptionStatus.choices

    def practice_title(self, practice: Practice) -> str:
        return self.titles.get(practice.pk) or practice.title


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["title", "summary", "where", "links"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "links": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "summary": _("What is done, by whom, and what you know of its results."),
            "where": _("A city or country, if it has one. You may leave it empty."),
        }

    def clean_links(self) -> str:
        validate_url = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for line in lines:
            try:
                validate_url(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(line)s” is not a link: each line must start with http:// or https://.") % {"line": line[:80]}
                ) from None
        return "\n".join(lines)


class MergeForm(forms.Form):
    practice = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Practice.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose a practice"),
    )
    reason = forms.CharField(label=_("Note for the person who suggested it"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = (
            Practice.objects.exclude(status=PracticeStatus.ARCHIVED).only("id", "slug", "title").order_by("title")
        )


class MatrixFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False, widget=CountrySelect)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Has a practice at status"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-score", _("Highest score first")),
            ("score", _("Lowest score first")),
            ("name", _("City name")),
            ("-population", _("Largest city first")),
        ],
    )

    def __init__(self, *args, countries=None, **kwargs):
        """`countries`: the codes of the countries present in the matrix, the only ones worth offering."""
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any")), *country_choices(countries)]
        self.fields["region"].choices = [("", _("Any")), *list(Region.choices)]
        self.fields["status"].choices = [("", _("Any")), *list(AdoptionStatus.choices)]


class CompareForm(forms.Form):
    city = forms.MultipleChoiceField(label=_("Cities to compare (two to four)"), choices=(), required=True)

    def __init__(self, *args, city_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = city_choices

    def clean_city(self) -> list[str]:
        cities = list(dict.fromkeys(self.cleaned_data["city"]))
        if not 2 <= len(cities) <= 4:
            raise forms.ValidationError(_("Choose two to four cities."))
        return cities


class PracticeTranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=600, widget=forms.Textarea(attrs={"rows": 4}))
    problem = forms.CharField(label=_("Problem targeted"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(
        label=_("Body (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Left blank, the page shows the English text."),
    )
    emmie_effect = forms.CharField(label=_("Effect"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    emmie_mechanism = forms.CharField(label=_("Mechanism"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    emmie_moderators = forms.CharField(
        label=_("Moderators (where and for whom)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    emmie_implementation = forms.CharField(
        label=_("Implementation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    emmie_economic_cost = forms.CharField(
        label=_("Economic cost"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Each EMMIE note left blank shows in English."),
    )


class CollectionTranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6}))


class PledgeForm(forms.Form):
    practices = forms.ModelMultipleChoiceField(
        label=_("Practices"),
        queryset=Practice.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The practices of the library the city pledges to adopt."),
    )
    collection = forms.ModelChoiceField(
        label=_("Or a whole collection"),
        queryset=Collection.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("No collection"),
        help_text=_("Every practice of the collection joins the pledge."),
    )
    target_date = forms.DateField(label=_("Adopted by"), widget=forms.DateInput(attrs={"type": "date"}))
    steps = forms.CharField(
        label=_("Planned steps"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the city will do, and when. Markdown is allowed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = (
            Practice.objects.filter(status=PracticeStatus.PUBLISHED).only("id", "slug", "title").order_by("title")
        )
        self.fields["collection"].queryset = Collection.objects.only("id", "slug", "title").order_by(
            "position", "title"
        )


class PledgeReportForm(forms.Form):
    reported_on = forms.DateField(label=_("Milestone date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Progress"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the city has done since it pledged. Markdown is allowed."),
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.practice.title, choices=[("", _("Choose a status")), *AdoptionStatus.choices]
            )

    def item_fields(self):
        return [self[f"item_{item.pk}"] for item in self.items]

    def statuses(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}


# --- Shadow reports --------------------------------------------------------------------------------------------


class ShadowReportForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Your verdict"), choices=ShadowVerdict.choices, widget=forms.RadioSelect, required=True
    )
    statement = forms.CharField(
        label=_("Statement"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you found, and how you know. Markdown is allowed."),
    )
    language = forms.ChoiceField(label=_("Language of the statement"), choices=settings.LANGUAGES)
    pseudonymous = forms.BooleanField(
        label=_("File it under a pseudonym"),
        required=False,
        help_text=_(
            "Others then see a name made for you on this pledge only, instead of your handle and affiliation. Only "
            "network staff can learn who wrote it, for a recorded reason."
        ),
    )


class ShadowEvidenceForm(forms.Form):
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("An address starting with http:// or https://."),
    )
    title = forms.CharField(label=_("What it is"), max_length=200, required=False)
    quote = forms.CharField(
        label=_("Quoted passage"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if (data.get("title") or "").strip() and not data.get("url") and not (data.get("quote") or "").strip():
            raise forms.ValidationError(_("Give a link or a quoted passage for this piece of evidence."))
        return data

    def piece(self) -> dict:
        return {key: self.cleaned_data.get(key) or "" for key in ("url", "title", "quote")}


ShadowEvidenceFormSet = forms.formset_factory(ShadowEvidenceForm, extra=10, max_num=10, absolute_max=10)


class ShadowAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("The city's answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Public, and given once. Markdown is allowed."),
    )


class ShadowFlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why"), choices=ShadowFlagReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note for staff (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
