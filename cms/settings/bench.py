"""`make bench`: production behaviour (DEBUG off, no query logging) on a local database,
served over plain HTTP on 127.0.0.1, with the bytes-from-memory ceiling view switched on."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, ENV_DATABASE_URL

if not ENV_DATABASE_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The benchmark needs DATABASE_URL (its own database).")

DEBUG = False
SECRET_KEY = "bench-only-" + "k" * 40  # noqa: S105 - never served beyond 127.0.0.1
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Media on the local disk whatever S3_* says: the benchmark measures the app and nginx only.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "bench" / "media"
BENCH_CEILING_FILE = BASE_DIR / "var" / "bench" / "ceiling.json"
# The API serves no static files; whitenoise would only warn that none were collected.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# wrk sends thousands of anonymous requests a second: no request limit for the benchmark.
API_ANONYMOUS_REQUESTS_PER_MINUTE = 10**9
# Measured both ways: `make bench`'s cold run turns the kept subtrees off.
API_GRAPHQL_SUBTREE_CACHE_ENTRIES = int(
    os.environ.get("API_GRAPHQL_SUBTREE_CACHE_ENTRIES", "20000")
)
