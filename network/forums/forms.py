"""The forums' forms. They check the shape of what was typed; the services check the rules and their
ValidationErrors are carried back onto the form (`network.refusals.add_service_errors`)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from network.forums.models import Access, Forum, MemberRole, ReportReason, SanctionKind
from network.forums.services import BODY_MAX, REASON_MAX, TITLE_MAX
from practices.models import Theme

BODY_HELP = _("Markdown: **bold**, *italics*, [a link](https://…), lists with -. Mention someone with @handle.")


class _PostFields(forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=BODY_MAX, help_text=BODY_HELP
    )
    language = forms.ChoiceField(label=_("Language of the message"), choices=settings.LANGUAGES)
    pseudonymous = forms.BooleanField(
        label=_("Post under a pseudonym for this topic"),
        required=False,
        help_text=_(
            "Others see a name made for you in this topic only, never your handle. Only network staff can link it "
            "to your account, and each time they do, it is recorded with a reason."
        ),
    )

    def __init__(self, *args, forum: Forum, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = getattr(user, "preferred_language", settings.LANGUAGE_CODE)
        if not forum.pseudonyms_allowed:
            del self.fields["pseudonymous"]


class TopicForm(_PostFields):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    practice = forms.CharField(required=False, widget=forms.HiddenInput)
    city = forms.CharField(required=False, widget=forms.HiddenInput)
    field_order = ["title", "body", "language", "pseudonymous"]


class ReplyForm(_PostFields):
    quote_of = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, pseudonymous_here: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if "pseudonymous" in self.fields:
            self.fields["pseudonymous"].initial = pseudonymous_here


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}), max_length=BODY_MAX, help_text=BODY_HELP
    )

    def __init__(self, *args, with_title: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Reason (the person concerned reads it)"))
        super().__init__(max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}), **kwargs)


POST_ACTIONS = [
    ("hide", _("Hide it")),
    ("restore", _("Show it / keep it (closes the reports)")),
    ("remove", _("Delete it")),
]


class PostModerationForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=POST_ACTIONS, widget=forms.RadioSelect)
    reason = ReasonField()


TOPIC_ACTIONS = [
    ("lock", _("Lock: nobody replies or edits")),
    ("unlock", _("Unlock")),
    ("pin", _("Pin at the top of the forum")),
    ("unpin", _("Unpin")),
    ("close", _("Close to new replies")),
    ("reopen", _("Reopen")),
    ("move", _("Move to another forum")),
]


class TopicModerationForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=TOPIC_ACTIONS, widget=forms.RadioSelect)
    forum = forms.ModelChoiceField(
        label=_("Move to"), queryset=Forum.objects.none(), required=False, help_text=_("Only for a move.")
    )
    reason = ReasonField()

    def __init__(self, *args, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("forum"):
            self.add_error("forum", _("Choose the forum to move the topic to."))
        return data


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices, widget=forms.RadioSelect)
    days = forms.IntegerField(
        label=_("Days of suspension"), required=False, min_value=1, max_value=365, help_text=_("Only for a suspension.")
    )
    everywhere = forms.BooleanField(label=_("In every forum (staff only)"), required=False)
    reason = ReasonField()

    def __init__(self, *args, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["everywhere"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == SanctionKind.SUSPEND and not data.get("days"):
            self.add_error("days", _("Say for how many days."))
        return data


class HandleForm(forms.Form):
    handle = forms.CharField(label=_("Handle"), max_length=30)


class MemberForm(HandleForm):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)

    def __init__(self, *args, staff: bool, group: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in MemberRole.choices if staff or value == MemberRole.MEMBER]
        if not group:
            choices = [(value, label) for value, label in choices if value == MemberRole.MODERATOR]
        self.fields["role"].choices = choices


class ForumForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    slug = forms.SlugField(label=_("Address"), max_length=120, help_text=_("Lower-case letters, digits and hyphens."))
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    access = forms.ChoiceField(label=_("Who reads and posts"), choices=Access.choices, widget=forms.RadioSelect)
    listed = forms.BooleanField(
        label=_("Show the working group's name and description to everyone (never its content)"), required=False
    )
    pseudonyms_allowed = forms.BooleanField(label=_("Allow pseudonymous posts"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", "—"), *Theme.choices], required=False)
    position = forms.IntegerField(label=_("Position in the list"), min_value=0, max_value=10_000, initial=0)


class ForumEditForm(ForumForm):
    """A forum's settings; its address is not among them (links and feeds keep it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["slug"]
        self.fields["description"].help_text = _("What the forum is for and its rules, in Markdown.")
        self.fields["access"].help_text = _(
            "A forum that holds topics may only be narrowed (public, then members, then a working group)."
        )


class UnmaskForm(forms.Form):
    reason = ReasonField(label=_("Why must this pseudonym be linked to its account? (recorded in the audit log)"))
