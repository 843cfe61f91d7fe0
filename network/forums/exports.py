"""What the forums keep about a person, for their data export: what they wrote (their own pseudonyms included —
they are theirs), what they reacted to and reported, whom they blocked, how far they read, the forums they belong
to and the sanctions they received. Posts of others appear only by number: nothing in one person's export names
the author of anyone else's post, so it can never link someone else's pseudonym to an account."""


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    from network.forums.models import (
        Block,
        ForumMember,
        Post,
        PostRevision,
        Reaction,
        ReadState,
        Report,
        Sanction,
        Topic,
    )

    revisions: dict[int, list[dict]] = {}
    for revision in PostRevision.objects.filter(post__author=user).order_by("post_id", "number"):
        revisions.setdefault(revision.post_id, []).append(
            {"number": revision.number, "body": revision.body, "created_at": _when(revision.created_at)}
        )
    return {
        "topics": [
            {
                "topic": topic.pk,
                "forum": topic.forum.slug,
                "title": topic.title,
                "language": topic.language,
                "pseudonymous": topic.pseudonymous,
                "practice": topic.practice.slug if topic.practice else None,
                "city": topic.city.slug if topic.city else None,
                "created_at": _when(topic.created_at),
                "deleted_at": _when(topic.deleted_at),
            }
            for topic in Topic.objects.filter(author=user).select_related("forum", "practice", "city").order_by("pk")
        ],
        "posts": [
            {
                "post": post.pk,
                "topic": post.topic_id,
                "number": post.number,
                "pseudonym": post.pseudonym,
                "language": post.language,
                "body": post.body,
                "quoting_post": post.quote_of_id,
                "created_at": _when(post.created_at),
                "edited_at": _when(post.edited_at),
                "deleted_at": _when(post.deleted_at),
                "hidden_by_a_moderator": post.hidden,
                "removed_by_a_moderator": post.removed,
                "revisions": revisions.get(post.pk, []),
            }
            for post in Post.objects.filter(author=user).order_by("pk")
        ],
        "reactions": [
            {"post": reaction.post_id, "kind": reaction.kind, "created_at": _when(reaction.created_at)}
            for reaction in Reaction.objects.filter(user=user).order_by("pk")
        ],
        "reports": [
            {
                "post": report.post_id,
                "reason": report.reason,
                "note": report.note,
                "created_at": _when(report.created_at),
                "resolved_at": _when(report.resolved_at),
                "outcome": report.outcome,
            }
            for report in Report.objects.filter(reporter=user).order_by("pk")
        ],
        "blocks": [
            {"blocked": block.blocked.handle, "created_at": _when(block.created_at)}
            for block in Block.objects.filter(blocker=user).select_related("blocked").order_by("pk")
        ],
        "read_states": [
            {"topic": state.topic_id, "last_read_number": state.last_read_number, "updated_at": _when(state.updated_at)}
            for state in ReadState.objects.filter(user=user).order_by("topic_id")
        ],
        "memberships": [
            {"forum": member.forum.slug, "role": member.role, "since": _when(member.created_at)}
            for member in ForumMember.objects.filter(user=user).select_related("forum").order_by("pk")
        ],
        "sanctions": [
            {
                "forum": sanction.forum.slug if sanction.forum else None,
                "kind": sanction.kind,
                "reason": sanction.reason,
                "until": _when(sanction.until),
                "created_at": _when(sanction.created_at),
            }
            for sanction in Sanction.objects.filter(user=user).select_related("forum").order_by("pk")
        ],
    }
