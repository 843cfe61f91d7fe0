from functools import cache

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from network.accounts.models import User

PASSWORD = "correct-horse-battery-9"


@cache
def password_hash() -> str:
    """PASSWORD hashed once per test run: hashing is slow on purpose, and every test makes people."""
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    handle = factory.Sequence(lambda n: f"person_{n}")
    password = factory.LazyFunction(password_hash)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()
