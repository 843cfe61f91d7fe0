"""API keys: `Authorization: Token <prefix>.<secret>`, checked against the stored hash and expiry."""

import hashlib
import hmac

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from network.accounts.models import ApiToken
from network.accounts.second_factor import SignInState, mark_sign_in

# A token proves only that its holder has the key: never a second factor, so it carries no staff or reviewer power.
BY_TOKEN = SignInState(second_factor_passed=False, by_api_token=True)


def digest_of(key: str) -> str:
    # The key carries 256 random bits: a plain SHA-256 is enough to make a stolen database useless.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str):
        prefix, _dot, _secret = key.partition(".")
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        if token is None or not hmac.compare_digest(token.digest, digest_of(key)):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("This token has expired. Create a new one in your account."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return mark_sign_in(token.user, BY_TOKEN), token
