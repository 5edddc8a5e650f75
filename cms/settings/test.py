"""Settings for the test suite: PostgreSQL when DATABASE_URL is set, else an SQLite file."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, ENV_DATABASE_URL, MIDDLEWARE

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Media in memory whatever S3_* says; the S3 tests switch to moto's server (tests/support/s3.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if ENV_DATABASE_URL:
    # Live-server threads must not keep connections open past a test (the test database is
    # dropped at the end of the run).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # No TEST name: Django's test runner uses an in-memory SQLite database per worker.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "var" / "test.sqlite3"),
        }
    }
# A replica alias that is the default database under another name (a test mirror: same
# connection settings, no database of its own). The public API reads from it only where a test
# sets DATABASE_REPLICA_ALIAS = "replica" (tests/api/test_replica_reads.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_REPLICA_ALIAS = None
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files are served by runserver's finders in tests; whitenoise would warn that the
# collected directory doesn't exist.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
# Tests measure the queries of every request; the response cache has its own tests.
API_RESULT_CACHE_SECONDS = 0
# The same for kept subtrees (their own tests turn them on).
API_GRAPHQL_SUBTREE_CACHE_ENTRIES = 0
# Tests send many anonymous GraphQL requests a minute; the limit has its own tests.
API_ANONYMOUS_REQUESTS_PER_MINUTE = 1_000_000
# A fixed bundle signing key (tests/delivery verify signatures with its public key).
BUNDLE_SIGNING_KEY = "dGVzdC1vbmx5LWJ1bmRsZS1zaWduaW5nLWtleS0zMmI="
# Webhook receivers on this machine (127.0.0.1) over plain http.
WEBHOOKS_REQUIRE_HTTPS = False
WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
