from io import StringIO

from django.core.management import call_command

from network.accounts.models import User
from network.accounts.permissions import user_roles
from network.accounts.roles import Role
from network.audit.models import AuditEntry


def test_it_loads_the_demo_network_once(db):
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    assert "4 created, 0 already present" in first.getvalue()
    assert "0 created, 4 already present" in second.getvalue()
    assert User.objects.count() == 4
    assert user_roles(User.objects.get(email="staff@demo.example")) == {Role.STAFF}
    assert AuditEntry.objects.filter(action="accounts.role.grant").count() == 3
