"""Print a new Ed25519 key for BUNDLE_SIGNING_KEY, and its public key for the clients."""

import base64
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management.base import BaseCommand

from cms.delivery.signing import new_seed


class Command(BaseCommand):
    help = "Print a new bundle signing key (BUNDLE_SIGNING_KEY) and its public key."

    def handle(self, *args: Any, **options: Any) -> None:
        seed = new_seed()
        public = (
            Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed))
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )
        self.stdout.write(f"BUNDLE_SIGNING_KEY={seed}")
        self.stdout.write(
            f"public key (give it to app developers): {base64.b64encode(public).decode()}"
        )
