"""Readable pseudonyms from a keyed hash: the same person gets the same name within one scope (a forum topic, a
pledge) and unrelated names across scopes, and nobody without the key can compute or reverse it. Every part that
lets people write under a pseudonym names its own salt, so names of one part say nothing about another's."""

from django.utils.crypto import salted_hmac

# Readable names: an adjective and a creature, then a number. 40 x 50 x 90 = 180,000 names per scope.
ADJECTIVES = (
    "Amber", "Autumn", "Blue", "Bold", "Brave", "Bright", "Calm", "Cedar", "Clear", "Coral",
    "Crimson", "Dawn", "Distant", "Eager", "Ember", "Gentle", "Golden", "Green", "Hidden", "Indigo",
    "Jade", "Kind", "Lively", "Lucid", "Misty", "Noble", "Ochre", "Olive", "Patient", "Quiet",
    "Rapid", "Rising", "Silver", "Steady", "Stone", "Sunny", "Swift", "Tidal", "Violet", "Wild",
)  # fmt: skip
CREATURES = (
    "Albatross", "Antelope", "Badger", "Beaver", "Bison", "Crane", "Cricket", "Dolphin", "Dove", "Eagle",
    "Egret", "Falcon", "Finch", "Fox", "Gazelle", "Gecko", "Hare", "Hawk", "Heron", "Ibis",
    "Jaguar", "Kestrel", "Kingfisher", "Lark", "Lemur", "Leopard", "Lynx", "Manatee", "Marten", "Meerkat",
    "Nightingale", "Okapi", "Orca", "Osprey", "Otter", "Owl", "Panther", "Pelican", "Puffin", "Quail",
    "Raven", "Robin", "Salmon", "Seal", "Sparrow", "Stork", "Swallow", "Tortoise", "Weaver", "Wren",
)  # fmt: skip


def readable_name(*, salt: str, message: str) -> str:
    """The name keyed by `salt` (the part's namespace) for `message` (the scope, the person and an attempt
    number, as the part composes them)."""
    digest = salted_hmac(salt, message, algorithm="sha256").digest()
    value = int.from_bytes(digest[:8], "big")
    adjective = ADJECTIVES[value % len(ADJECTIVES)]
    value //= len(ADJECTIVES)
    creature = CREATURES[value % len(CREATURES)]
    value //= len(CREATURES)
    return f"{adjective} {creature} {value % 90 + 10}"
