"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL, and
without REDIS_URL unless SINGLE_PROCESS says the deployment is one process."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ENV_ALLOWED_HOSTS,
    ENV_DATABASE_URL,
    ENV_REDIS_URL,
    ENV_SECRET_KEY,
    ENV_SECURE_HSTS_SECONDS,
    ENV_SECURE_SSL_REDIRECT,
    ENV_SINGLE_PROCESS,
)

_missing = [
    name
    for name, value in (
        ("SECRET_KEY", ENV_SECRET_KEY),
        ("ALLOWED_HOSTS", ENV_ALLOWED_HOSTS),
        ("DATABASE_URL", ENV_DATABASE_URL),
    )
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

# Without Redis each process keeps its own cache: request limits multiply by the number of
# processes, and an unpublished page stays in another process's response cache for up to
# API_RESULT_CACHE_SECONDS. Only a deployment of one process may do without.
if not ENV_REDIS_URL and not ENV_SINGLE_PROCESS:
    raise ImproperlyConfigured(
        "Production settings need REDIS_URL: without a shared cache every process counts "
        "request limits and caches API responses on its own, and an unpublished page stays "
        "visible in the other processes. Set REDIS_URL, or SINGLE_PROCESS=true if this "
        "deployment runs exactly one process."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV_SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = ENV_SECURE_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Background work (bundle builds, Wagtail's search and reference indexes) is queued in the
# database and run by `manage.py db_worker` (the worker service of deploy/compose.yaml).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
