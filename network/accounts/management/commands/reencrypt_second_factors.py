from django.core.management.base import BaseCommand

from network.accounts.services import authenticators_reencrypt
from network.accounts.system import SYSTEM


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored TOTP secret and recovery-code seed with the current SECRET_KEY. "
        "Run it after a key rotation; then the old key can leave SECRET_KEY_FALLBACKS. Safe to repeat."
    )

    def handle(self, *args, **options):
        count = authenticators_reencrypt(actor=SYSTEM)
        self.stdout.write(f"Re-encrypted {count} second-factor secrets with the current key.")
