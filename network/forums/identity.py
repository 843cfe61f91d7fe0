"""How people appear in the forums: by handle, or by a per-topic pseudonym that only staff can link to an
account; and the keyed hash that replaces an IP address."""

from django.utils.crypto import salted_hmac

# Readable names: an adjective and a creature, then a number. 40 x 50 x 90 = 180,000 names per topic.
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


def pseudonym_for(*, topic_id: int, user_id: int, attempt: int = 0) -> str:
    """A readable name derived from a keyed hash of (topic, person): the same person gets the same name within a
    topic and unrelated names across topics, and nobody without the key can compute or reverse it."""
    digest = salted_hmac("network.forums.pseudonym", f"{topic_id}:{user_id}:{attempt}", algorithm="sha256").digest()
    value = int.from_bytes(digest[:8], "big")
    adjective = ADJECTIVES[value % len(ADJECTIVES)]
    value //= len(ADJECTIVES)
    creature = CREATURES[value % len(CREATURES)]
    value //= len(CREATURES)
    return f"{adjective} {creature} {value % 90 + 10}"


def ip_hash(ip: str | None) -> str:
    """A keyed HMAC of the address (the key derived from SECRET_KEY), so the same address can be recognised for
    abuse control without keeping it; "" when there is none."""
    if not ip:
        return ""
    return salted_hmac("network.forums.ip", ip.strip(), algorithm="sha256").hexdigest()
