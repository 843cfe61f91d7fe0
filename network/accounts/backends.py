"""allauth's email sign-in, with Django's permissions held only by a person acting in person."""

from allauth.account.auth_backends import AuthenticationBackend

from network.accounts.second_factor import acts_in_person


class AccountBackend(AuthenticationBackend):
    """Every `user.has_perm` (permission functions, the admin) answers no for a request that came with an API token or
    from a session that has not passed the second factor: parts below accounts (audit, notifications) get the rule
    without importing it. Superusers skip backends in Django, so `holds_power` checks them explicitly."""

    def get_all_permissions(self, user_obj, obj=None):
        if not acts_in_person(user_obj):
            return set()
        return super().get_all_permissions(user_obj, obj=obj)
