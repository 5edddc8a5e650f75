"""Local development and `make demo`: DEBUG on, an SQLite file under var/ unless DATABASE_URL."""

from .base import *  # noqa: F403
from .base import ENV_ALLOWED_HOSTS, ENV_SECRET_KEY, STORAGES

DEBUG = True
# A development-only key: never valid in production, which refuses to start without its own.
SECRET_KEY = ENV_SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
# Media as base.py chooses it (the local disk, or S3 with S3_*); static files from the finders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Webhook receivers on this machine (127.0.0.1) over plain http.
WEBHOOKS_REQUIRE_HTTPS = False
WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
