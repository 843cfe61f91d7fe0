"""How people appear in the forums: by handle, or by a per-topic pseudonym that only staff can link to an
account; and the keyed hash that replaces an IP address."""

from django.utils.crypto import salted_hmac

from network.pseudonyms import readable_name


def pseudonym_for(*, topic_id: int, user_id: int, attempt: int = 0) -> str:
    """A readable name derived from a keyed hash of (topic, person): the same person gets the same name within a
    topic and unrelated names across topics, and nobody without the key can compute or reverse it."""
    return readable_name(salt="network.forums.pseudonym", message=f"{topic_id}:{user_id}:{attempt}")


def ip_hash(ip: str | None) -> str:
    """A keyed HMAC of the address (the key derived from SECRET_KEY), so the same address can be recognised for
    abuse control without keeping it; "" when there is none."""
    if not ip:
        return ""
    return salted_hmac("network.forums.ip", ip.strip(), algorithm="sha256").hexdigest()
