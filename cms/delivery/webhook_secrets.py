"""Webhook secrets: made at random, shown once, kept encrypted.

A secret is what the Standard Webhooks specification asks for: ``whsec_`` and 32 random bytes
in base64. Unlike a consumer key, which is only ever compared and so kept as a hash, a webhook
secret must be read back to sign each request: it is kept encrypted with Fernet (AES-128-CBC
and HMAC-SHA256, from ``cryptography``) under a key derived (HKDF-SHA256) from
``WEBHOOK_SECRETS_KEY``, or from ``SECRET_KEY`` when that is empty. A copy of the database
alone, a backup say, then holds no usable secret. Secrets encrypted under an older
``SECRET_KEY`` listed in ``SECRET_KEY_FALLBACKS`` can still be read, as Django does for its
own signatures; a secret that can't be read any more fails its deliveries until it is
rotated in the admin.
"""

from __future__ import annotations

import base64
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "whsec_"
SECRET_BYTES = 32  # the specification asks for 24 to 64
_INFO = b"equalcity webhook secrets v1"


class SecretUnreadable(Exception):
    """A stored secret that none of the configured keys decrypts."""


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def _fernet_key(material: str) -> bytes:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        material.encode("utf-8")
    )
    return base64.urlsafe_b64encode(derived)


def _fernet() -> MultiFernet:
    """The first key encrypts; every key decrypts."""
    if settings.WEBHOOK_SECRETS_KEY:
        materials = [settings.WEBHOOK_SECRETS_KEY]
    else:
        materials = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_fernet_key(material)) for material in materials])


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode("ascii")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise SecretUnreadable(
            "The endpoint's secret can't be decrypted with the configured key: rotate it."
        ) from None
