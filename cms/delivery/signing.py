"""The Ed25519 key that signs offline bundles (``cryptography``).

The private key is ``BUNDLE_SIGNING_KEY``: its 32-byte seed in base64 (``manage.py
bundle_signing_key`` makes one). In development (``DEBUG``), when the setting is empty, a key is
made once and kept in ``var/bundle-signing-key.txt`` (owner-only). Without a key, bundles are
not served (503), never served unsigned.

Clients pin the public key (``GET /api/v1/bundles/key``, the docs, the kiosk page) and verify
the signature over the manifest's exact bytes before they use a bundle.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from cms.core.secret_files import read_secret, write_secret

DEV_KEY_FILE = Path(settings.BASE_DIR) / "var" / "bundle-signing-key.txt"


class SigningKeyMissing(Exception):
    """No signing key is configured: set BUNDLE_SIGNING_KEY."""


def new_seed() -> str:
    """A new private key, as the base64 seed BUNDLE_SIGNING_KEY takes."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.b64encode(raw).decode()


def _seed() -> str:
    if settings.BUNDLE_SIGNING_KEY:
        return str(settings.BUNDLE_SIGNING_KEY)
    if not settings.DEBUG:
        raise SigningKeyMissing("Bundles need BUNDLE_SIGNING_KEY (manage.py bundle_signing_key).")
    seed = read_secret(DEV_KEY_FILE)
    if seed is None:
        seed = new_seed()
        write_secret(DEV_KEY_FILE, seed)
    return seed


@functools.lru_cache(maxsize=4)
def _private_key(seed: str) -> Ed25519PrivateKey:
    try:
        raw = base64.b64decode(seed, validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except ValueError as error:
        raise SigningKeyMissing(
            "BUNDLE_SIGNING_KEY must be a 32-byte Ed25519 seed in base64."
        ) from error


def private_key() -> Ed25519PrivateKey:
    return _private_key(_seed())


def public_key_base64() -> str:
    """The raw 32-byte public key, base64: what clients import (WebCrypto ``raw``)."""
    raw = (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return base64.b64encode(raw).decode()


def sign(message: bytes) -> str:
    return base64.b64encode(private_key().sign(message)).decode()
