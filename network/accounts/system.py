"""The platform acting on its own: seeding, imports, tasks, and changes that follow from a decision already
audited (the city representative's role that comes with a representation).

Services take `actor=SYSTEM` for these; `None` is never an actor. The system holds no permission of its own: a
service that the system may call says so explicitly (`actor is SYSTEM`), and the audit log records it with no
person as actor.
"""


class SystemActor:
    pk = None
    id = None
    handle = "system"
    is_authenticated = False
    is_active = False
    is_staff = False
    is_superuser = False

    def __str__(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"

    def has_perm(self, perm: str, obj=None) -> bool:
        return False


SYSTEM = SystemActor()
