"""Every permission of the member cities part, for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cities import permissions, services
from cities.models import Representative
from network.accounts.system import SYSTEM


@pytest.fixture
def setting(all_roles, outsider, member_city, draft):
    """A member city led by `outsider`, with the city representative as a colleague, and the participant's draft."""
    city = member_city(outsider)
    services.representative_add(actor=SYSTEM, city=city, user=all_roles["city_rep"], is_lead=False)
    application = draft(all_roles["participant"], 611717)
    for user in [*all_roles.values(), outsider]:
        permissions.forget_representations(user)
    return city, application


EXPECTED = {
    # role: (edit city, manage representatives, review, suspend, apply, view application, edit application, follow)
    "anonymous": (False, False, False, False, False, False, False, False),
    "participant": (False, False, False, False, True, True, True, True),
    "city_rep": (True, False, False, False, True, False, False, True),
    "lead": (True, True, False, False, True, False, False, True),
    "staff": (False, False, True, True, True, False, False, True),
    "reviewer": (False, False, False, False, True, False, False, True),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_may_do_what_it_must_and_nothing_more(all_roles, outsider, setting, role):
    city, application = setting
    user = {"anonymous": AnonymousUser(), "lead": outsider, **all_roles}[role]
    answers = (
        permissions.can_edit_city(user, city),
        permissions.can_manage_representatives(user, city),
        permissions.can_review_applications(user),
        permissions.can_suspend_membership(user),
        permissions.can_apply(user),
        permissions.can_view_application(user, application),
        permissions.can_edit_application(user, application),
        permissions.can_follow_city(user),
    )
    assert answers == EXPECTED[role]


def test_a_suspended_membership_takes_the_powers_away(all_roles, outsider, staff_member, setting):
    city, _application = setting
    city = services.membership_suspend(actor=staff_member, city=city, reason="Breach")
    for user in (outsider, all_roles["city_rep"]):
        assert permissions.is_representative_of(user, city)
        assert not permissions.can_edit_city(user, city)
        assert not permissions.can_manage_representatives(user, city)


def test_a_submitted_application_is_no_longer_editable(all_roles, setting):
    _city, application = setting
    application = services.application_submit(actor=all_roles["participant"], application=application)
    assert not permissions.can_edit_application(all_roles["participant"], application)


def test_an_inactive_account_has_no_powers(outsider, setting):
    city, _application = setting
    outsider.is_active = False
    assert not permissions.can_manage_representatives(outsider, city)
    assert Representative.objects.filter(user=outsider).exists()


def test_representations_are_read_once_per_request(outsider, setting, django_assert_num_queries):
    city, _application = setting
    with django_assert_num_queries(1):
        for _ in range(3):
            permissions.is_lead_of(outsider, city)
            permissions.is_representative_of(outsider, city)
