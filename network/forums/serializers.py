"""What the forums' API answers and accepts. Authors appear only as `selectors.author_label` gives them (a handle,
or the per-topic pseudonym): no serializer here reads a user's id, email or, for a pseudonymous post, handle."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from network.forums.models import Access, ReactionKind, ReportReason, SanctionKind

# The longest message the pages accept, and a topic's title.
BODY_MAX_LENGTH = 20_000
TITLE_MAX_LENGTH = 200
REASON_MAX_LENGTH = 2_000


def _inline_choices(choices):
    """A choice field whose values the schema lists in place (the same choices named in several places would
    otherwise become as many named enums)."""

    @extend_schema_field({"type": "string", "enum": [value for value, _label in choices]})
    class InlineChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=choices, **kwargs)

    return InlineChoiceField


LanguageField = _inline_choices(settings.LANGUAGES)
ReactionKindField = _inline_choices(ReactionKind.choices)


# --- Output ---------------------------------------------------------------------------------------------------


class ForumOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(help_text="Markdown, as written")
    description_html = serializers.CharField(help_text="Rendered and sanitised")
    access = serializers.ChoiceField(choices=Access.choices)
    pseudonyms_allowed = serializers.BooleanField()
    theme = serializers.CharField()
    readable = serializers.BooleanField(
        help_text="False for a working group whose existence is public but whose content is not yours to read."
    )
    can_post = serializers.BooleanField()
    topic_count = serializers.IntegerField(allow_null=True, help_text="Null where the content is not yours to read.")
    post_count = serializers.IntegerField(allow_null=True, help_text="Null where the content is not yours to read.")
    last_post_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url")
    feed = serializers.CharField(allow_null=True, help_text="The Atom feed of a public forum; null for the others.")

    def to_representation(self, forum):
        data = super().to_representation(forum)
        if not forum.readable:
            data.update(topic_count=None, post_count=None, last_post_at=None)
        return data


class TopicOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    forum = serializers.CharField(source="forum.slug")
    title = serializers.CharField()
    author = serializers.CharField(source="author_label", help_text="A handle, or the topic's pseudonym.")
    pseudonymous = serializers.BooleanField()
    practice = serializers.CharField(source="practice.slug", allow_null=True, default=None)
    city = serializers.CharField(source="city.slug", allow_null=True, default=None)
    language = LanguageField()
    pinned = serializers.BooleanField()
    locked = serializers.BooleanField()
    closed = serializers.BooleanField()
    hidden = serializers.BooleanField(help_text="Only moderators and the topic's author see hidden topics.")
    created_at = serializers.DateTimeField()
    last_post_at = serializers.DateTimeField()
    last_post_number = serializers.IntegerField()
    reply_count = serializers.IntegerField()
    unread = serializers.IntegerField(
        allow_null=True, help_text="Posts after the last one you read; null if never opened."
    )
    url = serializers.CharField(source="get_absolute_url")
    feed = serializers.CharField(allow_null=True, help_text="The Atom feed of a topic of a public forum.")


class ForumPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True)
    results = ForumOutputSerializer(many=True)


class TopicPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True)
    results = TopicOutputSerializer(many=True)


class PostOutputSerializer(serializers.Serializer):
    """A deleted or removed post keeps its number with an empty body; a hidden one shows its body to moderators
    and to its author only."""

    id = serializers.IntegerField()
    topic = serializers.IntegerField(source="topic_id")
    number = serializers.IntegerField()
    author = serializers.CharField(source="label", help_text="A handle, or the post's per-topic pseudonym.")
    pseudonymous = serializers.BooleanField()
    language = LanguageField()
    body = serializers.CharField(help_text="Markdown, as written; empty when not shown")
    body_html = serializers.CharField(help_text="Rendered and sanitised; empty when not shown")
    quote_of = serializers.IntegerField(source="quote_of_id", allow_null=True)
    quote_author = serializers.CharField(source="quote_label", help_text="How the quoted post names its author.")
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    edit_count = serializers.IntegerField()
    deleted = serializers.BooleanField(help_text="Deleted by its author or removed by a moderator.")
    hidden = serializers.BooleanField()
    collapsed = serializers.BooleanField(help_text="Its author is someone you block.")
    reactions = serializers.DictField(
        child=serializers.IntegerField(), source="reaction_tally", help_text="Count per kind of reaction."
    )
    my_reactions = serializers.ListField(
        child=serializers.CharField(),
        help_text="The kinds of reaction that are yours (a kind as `reactions` names it).",
    )
    url = serializers.CharField(source="get_absolute_url")


class PostPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True)
    results = PostOutputSerializer(many=True)


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    topic = serializers.IntegerField(source="topic_id")
    topic_title = serializers.CharField(source="topic.title")
    forum = serializers.CharField(source="topic.forum.slug")
    number = serializers.IntegerField()
    author = serializers.CharField(source="label")
    pseudonymous = serializers.BooleanField()
    language = LanguageField()
    created_at = serializers.DateTimeField()
    rank = serializers.FloatField()
    snippet = serializers.SerializerMethodField(
        help_text="HTML: the body's best passages, escaped, with the words found in <mark>."
    )
    title_snippet = serializers.SerializerMethodField(
        help_text="HTML: the topic's title, escaped, with the words found in <mark>."
    )
    url = serializers.CharField(source="get_absolute_url")

    def get_snippet(self, post) -> str:
        return post.snippet

    def get_title_snippet(self, post) -> str:
        return post.title_snippet


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text="Posts found among those you may read, counted up to 1,000: past that, `more_than_count` is true."
    )
    more_than_count = serializers.BooleanField(
        help_text="More posts than `count` were found: every page can still be followed through `next`."
    )
    recent_only = serializers.BooleanField(
        help_text="More than 1,000 posts were found and, ranked by best match, the results are those among the "
        "100,000 most recent posts of the network (add words or filters to reach older ones; newest first reaches "
        "every match)."
    )
    next = serializers.CharField(allow_null=True)
    results = SearchResultSerializer(many=True)


class ReactionsOutputSerializer(serializers.Serializer):
    reactions = serializers.DictField(child=serializers.IntegerField())
    my_reactions = serializers.ListField(
        child=serializers.CharField(),
        help_text="The kinds of reaction that are yours (a kind as `reactions` names it).",
    )


class ReportOutputSerializer(serializers.Serializer):
    post = serializers.IntegerField(source="post_id")
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    created_at = serializers.DateTimeField()


class SanctionOutputSerializer(serializers.Serializer):
    """A sanction as its moderator sees it: on whom is known by the post it was made from, never named here."""

    post = serializers.IntegerField(help_text="The post whose author is sanctioned.")
    kind = _inline_choices(SanctionKind.choices)()
    forum = serializers.CharField(
        source="forum.slug", allow_null=True, default=None, help_text="The forum's slug; null: every forum."
    )
    until = serializers.DateTimeField(allow_null=True, help_text="When a suspension ends; null otherwise.")
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


# --- Input ----------------------------------------------------------------------------------------------------

_LANGUAGE = {
    "required": False,
    "allow_null": True,
    "default": None,
    "help_text": "Defaults to your language.",
}


class TopicInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    body = serializers.CharField(max_length=BODY_MAX_LENGTH, help_text="Markdown")
    language = LanguageField(**_LANGUAGE)
    pseudonymous = serializers.BooleanField(required=False, default=False)
    practice = serializers.SlugField(
        max_length=200, required=False, allow_blank=True, default="", help_text="A published practice's slug."
    )
    city = serializers.SlugField(
        max_length=220, required=False, allow_blank=True, default="", help_text="A city's slug."
    )


class ReplyInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=BODY_MAX_LENGTH, help_text="Markdown")
    language = LanguageField(**_LANGUAGE)
    pseudonymous = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Defaults to how you last posted in the topic."
    )
    quote_of = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, help_text="The id of a post of the same topic."
    )


class EditInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=BODY_MAX_LENGTH, help_text="Markdown")


class ReactionInputSerializer(serializers.Serializer):
    kind = ReactionKindField()


class ReportInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    note = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="")


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="")


class ReadInputSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=999_999_999, help_text="The last post number read.")


class TopicMoveInputSerializer(ReasonInputSerializer):
    forum = serializers.SlugField(max_length=120, help_text="The slug of the forum to move the topic to.")


class SanctionInputSerializer(ReasonInputSerializer):
    everywhere = serializers.BooleanField(
        required=False, default=False, help_text="In every forum of the network (staff only)."
    )


class SuspensionInputSerializer(SanctionInputSerializer):
    days = serializers.IntegerField(min_value=1, max_value=365, help_text="How many days the suspension lasts.")
