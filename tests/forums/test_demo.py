from io import StringIO

import pytest
from django.core.management import call_command

from network.forums import demo
from network.forums.models import Access, Forum, ForumMember, MemberRole, Post, Reaction, Report, Topic
from network.forums.selectors import author_label
from network.notifications.models import Notification
from practices.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_seed_demo_loads_the_forums_once_in_three_languages(settings):
    # Loading the whole demo network takes a while: one test loads it twice and checks what the forums hold.
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    _loaded_once(first.getvalue(), second.getvalue())
    _in_english_french_and_spanish()
    _a_public_forum_for_every_theme()
    _the_mayors_working_group_and_the_activists_circle()
    _attached_to_the_practices_and_cities_of_the_demo()
    _quotes_mentions_pseudonyms_and_a_report_awaiting_moderation()


def _loaded_once(first: str, second: str) -> None:
    data = demo.load()
    replies = sum(len(topic.get("replies", [])) for topic in data["topics"])
    reactions = sum(len(topic.get("reactions", [])) for topic in data["topics"])
    assert (
        f"Forums: {len(data['forums'])} forums, {len(data['topics'])} topics, {replies} replies, {reactions} "
        f"reactions and 1 reports added; {len(data['people'])} participants added."
    ) in first
    assert "Forums: 0 forums, 0 topics, 0 replies, 0 reactions and 0 reports added; 0 participants added." in second
    assert Forum.objects.count() == len(data["forums"])
    assert Topic.objects.count() == len(data["topics"])
    assert Post.objects.count() == len(data["topics"]) + replies
    assert Reaction.objects.count() == reactions
    # The services kept the counts the topic lists read.
    for topic in Topic.objects.all():
        assert topic.reply_count == topic.last_post_number - 1 == Post.objects.filter(topic=topic).count() - 1


def _in_english_french_and_spanish() -> None:
    assert set(Topic.objects.values_list("language", flat=True)) == {"en", "fr", "es"}
    assert set(Post.objects.filter(number__gt=1).values_list("language", flat=True)) == {"en", "fr", "es"}
    assert Topic.objects.get(title__startswith="Un koban à Paris").posts.get(number=1).language == "fr"


def _a_public_forum_for_every_theme() -> None:
    themed = Forum.objects.filter(access=Access.PUBLIC).exclude(theme="")
    assert sorted(themed.values_list("theme", flat=True)) == sorted(Theme.values)


def _the_mayors_working_group_and_the_activists_circle() -> None:
    mayors = Forum.objects.get(slug="mayors-working-group")
    assert (mayors.access, mayors.listed, mayors.pseudonyms_allowed) == (Access.GROUP, True, False)
    members = set(ForumMember.objects.filter(forum=mayors).values_list("user__handle", flat=True))
    assert {"paris_office", "kinshasa_office", "minneapolis_office", "glasgow_mayors_office"} <= members
    assert ForumMember.objects.get(forum=mayors, user__handle="secretariat_ana").role == MemberRole.MODERATOR
    circle = Forum.objects.get(slug="activists-circle")
    assert (circle.access, circle.listed, circle.pseudonyms_allowed) == (Access.GROUP, False, True)
    assert not ForumMember.objects.filter(forum=circle, user__handle__endswith="_office").exists()


def _attached_to_the_practices_and_cities_of_the_demo() -> None:
    practices = set(Topic.objects.exclude(practice=None).values_list("practice__slug", flat=True))
    assert {"koban", "glasgow-violence-reduction-unit", "duty-to-intervene", "ban-chokeholds-and-strangleholds"} <= (
        practices
    )
    assert Topic.objects.filter(practice__collections__slug="8-cant-wait").count() >= 4
    cities = set(Topic.objects.exclude(city=None).values_list("city__slug", flat=True))
    assert {"kinshasa-cd", "paris-fr", "minneapolis-us"} <= cities


def _quotes_mentions_pseudonyms_and_a_report_awaiting_moderation() -> None:
    assert Post.objects.filter(quote_of__isnull=False).count() >= 10
    # Mentions of demo handles reached the people named.
    mentioned = Notification.objects.filter(event__kind="forums.mention").values_list("recipient__handle", flat=True)
    assert {"minneapolis_office", "kla_youth_voice", "tokyo_office"} <= set(mentioned)
    # The pseudonymous thread names its author by a pseudonym only, stable within the topic.
    thread = Topic.objects.get(title__startswith="Manifestations à Kinshasa")
    assert thread.pseudonymous
    opening, answer = thread.posts.get(number=1), thread.posts.get(number=3)
    assert opening.author == answer.author and opening.author.handle == "kin_veille"
    assert author_label(opening) == author_label(answer) != "kin_veille"
    assert opening.pseudonym not in {post.pseudonym for post in Post.objects.exclude(topic=thread)}
    report = Report.objects.get()
    assert report.resolved_at is None and report.reason == "abuse"
    assert report.post.author.handle == "night_shift_view" and not report.post.hidden
