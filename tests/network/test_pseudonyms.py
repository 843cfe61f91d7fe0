"""The readable-name generator moved below the parts that use it: the forums' pseudonyms keep their values."""

from django.utils.crypto import salted_hmac

from network.forums.identity import pseudonym_for
from network.pseudonyms import ADJECTIVES, CREATURES, readable_name


def _as_the_forums_computed_it(topic_id: int, user_id: int, attempt: int) -> str:
    digest = salted_hmac("network.forums.pseudonym", f"{topic_id}:{user_id}:{attempt}", algorithm="sha256").digest()
    value = int.from_bytes(digest[:8], "big")
    adjective = ADJECTIVES[value % 40]
    value //= 40
    creature = CREATURES[value % 50]
    value //= 50
    return f"{adjective} {creature} {value % 90 + 10}"


def test_it_keeps_every_forum_pseudonym_as_it_was():
    for topic_id, user_id, attempt in [(1, 1, 0), (7, 42, 0), (7, 42, 1), (9001, 3, 2)]:
        assert pseudonym_for(topic_id=topic_id, user_id=user_id, attempt=attempt) == _as_the_forums_computed_it(
            topic_id, user_id, attempt
        )


def test_it_names_the_same_scope_alike_and_other_salts_apart():
    assert readable_name(salt="a", message="1:2:0") == readable_name(salt="a", message="1:2:0")
    names = {readable_name(salt=salt, message="1:2:0") for salt in ("a", "b", "c", "d")}
    assert len(names) > 1
