"""The demo network's forums, as read from `data/demo.yaml`: a public forum per theme of the practice library, a
members' lounge, the mayors' working group and an activists' circle, with topics and replies in English, French
and Spanish, reactions, a pseudonymous thread and a report waiting for a moderator. Everything goes through the
services, as it would in the browser; running it again adds nothing."""

from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from cities.models import City
from network.accounts.models import User
from network.accounts.second_factor import acting_at_the_console
from network.forums import services
from network.forums.models import Forum, ForumMember, MemberRole, Post, Topic
from practices.models import Practice

DATA = Path(__file__).parent / "data" / "demo.yaml"
STAFF_EMAIL = "staff@demo.example"


def load() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _people(entries: list[dict], password: str) -> int:
    """The participants the forums add to the demo; returns how many were created."""
    password_hash = None
    created = 0
    for entry in entries:
        email = f"{entry['handle'].replace('_', '.')}@demo.example"
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            # Hashing is slow on purpose: hash the shared demo password once, and only when someone is new.
            password_hash = password_hash or make_password(password)
            user = User.objects.create(
                email=email,
                password=password_hash,
                handle=entry["handle"],
                affiliation_kind=entry["affiliation_kind"],
                affiliation=entry.get("affiliation", ""),
                preferred_language=entry.get("language", "en"),
            )
            created += 1
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return created


def _by_handle(handles) -> dict[str, User]:
    users = User.objects.filter(handle__in=set(handles))
    # The operator seeds at the server's console: the demo's people act in person here.
    return {user.handle: acting_at_the_console(user) for user in users}


def _forums(entries: list[dict], *, staff, people: dict[str, User]) -> tuple[dict[str, Forum], int]:
    forums: dict[str, Forum] = {}
    added = 0
    for position, entry in enumerate(entries, start=1):
        forum = Forum.objects.filter(slug=entry["slug"]).first()
        if forum is None:
            forum = services.forum_create(
                actor=staff,
                slug=entry["slug"],
                name=entry["name"],
                description=entry.get("description", ""),
                access=entry["access"],
                listed=entry.get("listed", False),
                pseudonyms_allowed=entry.get("pseudonyms_allowed", False),
                theme=entry.get("theme", ""),
                position=position,
            )
            added += 1
        forums[forum.slug] = forum
        present = set(ForumMember.objects.filter(forum=forum).values_list("user__handle", flat=True))
        for role, handles in (
            (MemberRole.MODERATOR, entry.get("moderators", [])),
            (MemberRole.MEMBER, entry.get("members", [])),
        ):
            for handle in handles:
                if handle not in present:
                    services.member_add(actor=staff, forum=forum, user=people[handle], role=role)
                    present.add(handle)
    return forums, added


def _topic(entry: dict, *, forum: Forum, people, practices, cities, staff) -> tuple[int, int, int]:
    """Start one topic with its replies, reactions and reports; returns how many of each it added."""
    topic = services.topic_start(
        actor=people[entry["author"]],
        forum=forum,
        title=entry["title"],
        body=entry["body"],
        language=entry["language"],
        pseudonymous=entry.get("pseudonymous", False),
        practice=practices.get(entry.get("practice")),
        city=cities.get(entry.get("city")),
        # Seeded at the console: the demo's new accounts post all at once, past the first day's limits.
        limits=False,
    )
    posts = {1: Post.objects.get(topic=topic, number=1)}
    for number, reply in enumerate(entry.get("replies", []), start=2):
        posts[number] = services.post_reply(
            actor=people[reply["author"]],
            topic=topic,
            body=reply["body"],
            language=reply["language"],
            pseudonymous=reply.get("pseudonymous", False),
            quote_of=posts[reply["quote"]] if reply.get("quote") else None,
            limits=False,
        )
    for number, handle, kind in entry.get("reactions", []):
        services.reaction_toggle(actor=people[handle], post=posts[number], kind=kind)
    for report in entry.get("reports", []):
        services.post_report(
            actor=people[report["reporter"]],
            post=posts[report["post"]],
            reason=report["reason"],
            note=report.get("note", ""),
        )
    if entry.get("pinned"):
        services.topic_pin(actor=staff, topic=topic, reason="Demo network: the forum's first topic to read.")
    return len(posts) - 1, len(entry.get("reactions", [])), len(entry.get("reports", []))


def seed_demo_forums(context) -> list[str]:
    """`seed_demo`'s share of the forums."""
    data = load()
    people_added = _people(data["people"], context.password)
    handles = {handle for entry in data["forums"] for handle in entry.get("moderators", []) + entry.get("members", [])}
    for entry in data["topics"]:
        handles |= {entry["author"]} | {reply["author"] for reply in entry.get("replies", [])}
        handles |= {handle for _number, handle, _kind in entry.get("reactions", [])}
        handles |= {report["reporter"] for report in entry.get("reports", [])}
    people = _by_handle(handles)
    missing = handles - set(people)
    if missing:
        raise ValueError(f"The forums' demo names people the demo network does not have: {sorted(missing)}")
    staff = context.account(STAFF_EMAIL)
    forums, forums_added = _forums(data["forums"], staff=staff, people=people)
    practices = {p.slug: p for p in Practice.objects.filter(slug__in={t.get("practice") for t in data["topics"]})}
    cities = {c.slug: c for c in City.objects.filter(slug__in={t.get("city") for t in data["topics"]})}
    topics = replies = reactions = reports = 0
    for entry in data["topics"]:
        forum = forums[entry["forum"]]
        if Topic.objects.filter(forum=forum, title=entry["title"]).exists():
            continue
        added = _topic(entry, forum=forum, people=people, practices=practices, cities=cities, staff=staff)
        topics, replies, reactions, reports = topics + 1, replies + added[0], reactions + added[1], reports + added[2]
    return [
        f"Forums: {forums_added} forums, {topics} topics, {replies} replies, {reactions} reactions and {reports} "
        f"reports added; {people_added} participants added."
    ]
