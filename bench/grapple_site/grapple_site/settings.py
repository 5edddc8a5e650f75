"""Settings of the baseline: Wagtail's and wagtail-grapple's defaults, DEBUG off, PostgreSQL.

Everything the environment sets is read here, once: ``GRAPPLE_DATABASE_URL`` (a
``postgres://user@host:port/name`` URL) and ``GRAPPLE_MEDIA_ROOT``.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent

DATABASE_URL = os.environ.get(
    "GRAPPLE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/equalcity_grapple"
)
# By default under the repository's var/, where `make bench-grapple` keeps it too.
MEDIA_ROOT = os.environ.get(
    "GRAPPLE_MEDIA_ROOT", str(BASE_DIR.parent.parent / "var" / "bench" / "grapple-media")
)

DEBUG = False
SECRET_KEY = "grapple-baseline-only-" + "k" * 40  # noqa: S105 - served on 127.0.0.1 only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "content",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # After Wagtail's apps: grapple reads the registered snippets when it starts.
    "grapple",
    "graphene_django",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "grapple_site.urls"
WSGI_APPLICATION = "grapple_site.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]


def _database(url: str) -> dict:
    parts = urlsplit(url)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }


DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_URL = "/media/"

WAGTAIL_SITE_NAME = "Grapple baseline"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"

GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
GRAPPLE = {"APPS": ["content"]}
