from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from network.accounts.models import User
from network.accounts.permissions import user_roles
from network.accounts.roles import Role
from network.audit.models import AuditEntry


def test_it_loads_the_demo_network_once(db, settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    assert "4 created, 0 already present" in first.getvalue()
    assert "0 created, 4 already present" in second.getvalue()
    assert User.objects.count() == 4
    assert user_roles(User.objects.get(email="staff@demo.example")) == {Role.STAFF}
    assert AuditEntry.objects.filter(action="accounts.role.grant").count() == 3


def test_it_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    assert User.objects.count() == 4
