"""Settings shared by every environment.

Every environment variable is read once, here at the top; the rest of the settings (and the
rest of the code) use the names bound below. ``.env.example`` documents each variable.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from cms.settings.databases import *  # noqa: F403 - DATABASE_ROUTERS
from cms.settings.databases import databases, replica_alias
from cms.settings.delivery import *  # noqa: F403 - delta sync and the takedown feed
from cms.settings.edge import edge_caches
from cms.settings.graphql_limits import *  # noqa: F403 - the limits of /api/graphql/
from cms.settings.logs import logging_config
from cms.settings.storage import *  # noqa: F403 - static files, media, document serving
from cms.settings.storage import S3_VARIABLES, media_storages
from cms.settings.webhooks import *  # noqa: F403 - signed webhooks to city apps

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


# --- Environment: read once ------------------------------------------------------------------
ENV_SECRET_KEY = os.environ.get("SECRET_KEY", "")
ENV_DEBUG = _env_bool("DEBUG", False)
ENV_ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS")
ENV_CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")
ENV_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ENV_DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "").strip().lower()
ENV_DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
ENV_DATABASE_REPLICA_LAG_SECONDS = int(os.environ.get("DATABASE_REPLICA_LAG_SECONDS", "10") or "0")
ENV_REDIS_URL = os.environ.get("REDIS_URL", "")
ENV_SINGLE_PROCESS = _env_bool("SINGLE_PROCESS", False)
ENV_API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY = _env_bool("API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY", False)
ENV_WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
ENV_MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "")
ENV_STATIC_ROOT = os.environ.get("STATIC_ROOT", "")
ENV_S3 = {name: os.environ.get(f"S3_{name}", "") for name in S3_VARIABLES}  # storage.py
ENV_EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
ENV_EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587") or "587")
ENV_EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
ENV_EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
ENV_DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "equalcity@localhost")
ENV_SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
ENV_SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000") or "0")
ENV_LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
ENV_API_RESULT_CACHE_SECONDS = int(os.environ.get("API_RESULT_CACHE_SECONDS", "60") or "0")
ENV_KIOSK_CONSUMER_KEY = os.environ.get("KIOSK_CONSUMER_KEY", "")
ENV_WIDGET_FRAME_CONSUMER_KEY = os.environ.get("WIDGET_FRAME_CONSUMER_KEY", "")
ENV_BUNDLE_SIGNING_KEY = os.environ.get("BUNDLE_SIGNING_KEY", "")
ENV_NGINX_CACHE_URL = os.environ.get("NGINX_CACHE_URL", "")
ENV_CACHE_REFRESH_SECRET = os.environ.get("CACHE_REFRESH_SECRET", "")  # api/edge_cache.py
ENV_API_CONSUMER_FALLBACK_SECONDS = int(
    os.environ.get("API_CONSUMER_FALLBACK_SECONDS", "300") or "0"
)
ENV_WEBHOOK_SECRETS_KEY = os.environ.get("WEBHOOK_SECRETS_KEY", "")

# --- Django ----------------------------------------------------------------------------------
SECRET_KEY = ENV_SECRET_KEY
DEBUG = ENV_DEBUG
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = ENV_CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    "cms.core",
    "cms.panels",
    "cms.translation",
    "toolbox_pages",
    "safe_spaces",
    "cms.access",
    "cms.demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: a NUL byte or bytes that are not UTF-8 in a URL get a clear 400 before any view
    # or database sees them (cms/core/bad_bytes.py).
    "cms.core.bad_bytes.BadBytesMiddleware",
    # A database outage escaping a view becomes a 503 with Retry-After in the path's shape
    # (GraphQL, REST, HTML), logged in one line (cms/core/outages.py).
    "cms.core.outages.OutageMiddleware",
    "cms.core.db_router.ReplicaReadsMiddleware",  # the public API's reads: the replica's
    "django.middleware.security.SecurityMiddleware",
    "api.compression.ApiCompressionMiddleware",  # API answers over 500 bytes compressed
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The HTML pages' language comes from their URL prefix (cms/urls.py, i18n_patterns).
    "cms.core.middleware.PagePrefixLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.core.middleware.PublicRedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is an SQLite file under var/; DATABASE_URL selects anything else
# (PostgreSQL in production and CI), through PgBouncer or not, with a replica or not.
DATABASES = databases(
    ENV_DATABASE_URL,
    ENV_DATABASE_REPLICA_URL,
    ENV_DATABASE_POOLER,
    BASE_DIR / "var" / "equalcity.sqlite3",
)
DATABASE_REPLICA_ALIAS = replica_alias(DATABASES)  # the public API reads there (db_router.py)
DATABASE_REPLICA_LAG_SECONDS = ENV_DATABASE_REPLICA_LAG_SECONDS  # primary after a change
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With REDIS_URL, one cache shared by every process (request counters, the API's response
# cache, Wagtail's site lookups). When Redis is down, each process answers from its own memory
# and probes Redis again every CACHE_REDIS_RETRY_SECONDS; the response cache is bypassed meanwhile
# (cms/core/cache.py). Short socket timeouts: a Redis that stops answering never holds a worker.
CACHE_REDIS_RETRY_SECONDS = 2.0
CACHE_REDIS_CONNECT_TIMEOUT = 0.25  # seconds to open a connection
CACHE_REDIS_SOCKET_TIMEOUT = 0.5  # seconds for a command's answer
if ENV_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.core.cache.ResilientRedisCache",
            "LOCATION": ENV_REDIS_URL,
            "KEY_PREFIX": "equalcity",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": CACHE_REDIS_CONNECT_TIMEOUT,
                "SOCKET_TIMEOUT": CACHE_REDIS_SOCKET_TIMEOUT,
                "RETRY_SECONDS": CACHE_REDIS_RETRY_SECONDS,
            },
        }
    }
else:
    # A single process (development, tests, SINGLE_PROCESS=true): its own memory.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "equalcity",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and locales -------------------------------------------------------------------
# Source content is English. Partner-city languages, then the communities' languages.
# Direction comes from LANGUAGES_BIDI; Dari (prs) is added to Django's list.
LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("nl", "Dutch"),
    ("de", "German"),
    ("lb", "Luxembourgish"),
    ("it", "Italian"),
    ("sv", "Swedish"),
    ("ar", "Arabic"),
    ("fa", "Persian"),
    ("prs", "Dari"),
    ("uk", "Ukrainian"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("el", "Greek"),
    ("tr", "Turkish"),
    ("ti", "Tigrinya"),
    ("so", "Somali"),
]
LANGUAGES_BIDI = ["ar", "fa", "prs", "he", "ur", "ps", "ckb"]
# The interface strings readers see, one catalog per content language (`make messages`): those
# of the HTML pages and previews (django), and the widgets' and the kiosk's (djangojs, served by
# /api/v1/widgets/strings).
LOCALE_PATHS = [PROJECT_DIR / "locale", BASE_DIR / "frontend_stub" / "locale"]
# The languages whose interface strings are translated by hand, every string: a test fails when
# their catalog misses one. The others show the strings not translated yet in English, marked.
INTERFACE_TRANSLATED_LANGUAGES = [
    "fr",
    "nl",
    "de",
    "lb",
    "it",
    "sv",
    "ar",
    "fa",
    "prs",
    "uk",
    "es",
    "tr",
]
# The admin interface itself is offered in the languages Wagtail ships translations for.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, name) for code, name in LANGUAGES if code in {"en", "fr", "nl", "de", "it", "sv", "ar"}
]

# --- Static and media: the local disk, or S3-compatible storage with S3_* (storage.py) ---------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(ENV_STATIC_ROOT) if ENV_STATIC_ROOT else BASE_DIR / "var" / "static"
MEDIA_ROOT = Path(ENV_MEDIA_ROOT) if ENV_MEDIA_ROOT else BASE_DIR / "var" / "media"
STORAGES = media_storages(ENV_S3)

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Equalcity CMS"
WAGTAILADMIN_BASE_URL = ENV_WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "mp3", "ogg", "m4a", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# An edit after panel approvals restarts the review of the new revision (cms/panels).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Video embeds are fetched only by the admin; readers' clients get the URL, never a player
# loaded from a third party without their consent.
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in wagtail-localize's editor: none. To offer one, name a backend, e.g.
# {"CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
#  "OPTIONS": {"AUTH_KEY": ...}}; its output is a draft that still goes through language review.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# Nothing the admin loads comes from another origin: no release check or "what's new" banner
# fetched from wagtail.org, and no avatar from Gravatar, which would learn from a hash of their
# email who sits on a panel or reviews a language. Users see Wagtail's local default avatar or
# the picture they upload (Account -> Profile picture).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Expert panels (cms/panels) ----------------------------------------------------------------
# When a safe-space verification is approved and the listing's verify-by date is missing or
# already past, the next check falls due this many days after the verification.
PANELS_VERIFICATION_INTERVAL_DAYS = 180

# --- Email -----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = ENV_DEFAULT_FROM_EMAIL
if ENV_EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = ENV_EMAIL_HOST
    EMAIL_PORT = ENV_EMAIL_PORT
    EMAIL_HOST_USER = ENV_EMAIL_HOST_USER
    EMAIL_HOST_PASSWORD = ENV_EMAIL_HOST_PASSWORD
    EMAIL_USE_TLS = True
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Logging: no IPs, no query strings, one line per kind per minute (cms/settings/logs.py) ---
LOGGING = logging_config(ENV_LOG_LEVEL)

# --- Public content API ----------------------------------------------------------------------
INSTALLED_APPS += ["graphene_django", "api.apps.ApiConfig"]
GRAPHENE = {"SCHEMA": "api.graphql.schema.schema"}

# Whole responses are kept in the shared cache for this long (0: off), and up to this many bytes
# of them in each process; a change invalidates the ones that read it (api/result_cache.py).
API_RESULT_CACHE_SECONDS = ENV_API_RESULT_CACHE_SECONDS
API_RESULT_LOCAL_BYTES = 64 * 2**20
API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY = ENV_API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY  # persisted.py
API_PAGE_SIZE_MAX = 100  # largest first/last a list or connection accepts
API_PAGE_SIZE_DEFAULT = 20  # page size when a client gives none
API_SEARCH_MAX_LENGTH = 200  # characters of search text

# Consumer keys (api/consumers.py): each key has its own limit per minute (set in the admin).
# Anonymous GraphQL reads share one budget: without a key, nothing but an IP address would tell
# one client from another, and no IP address is processed. Only executed work counts (answers
# from the response cache and refused documents don't), spread over windows of
# API_ANONYMOUS_WINDOW_SECONDS (a sixth of the minute's budget each), so one client's burst
# can't lock the others out for more than the rest of a window.
API_ANONYMOUS_REQUESTS_PER_MINUTE = 300
API_ANONYMOUS_WINDOW_SECONDS = 10
# A key's record is kept in the shared cache this long after it was last authenticated; it is
# read only when the database can't be reached, so that a key seen in the last minutes keeps
# getting cached answers during an outage (0: no fallback). Saving or revoking the key drops it.
API_CONSUMER_FALLBACK_SECONDS = ENV_API_CONSUMER_FALLBACK_SECONDS
API_PATH_PREFIX = "/api/"  # where the CORS rules of api/cors.py apply
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "api.cors.ApiCorsMiddleware",
)
WAGTAILFRONTENDCACHE = edge_caches(ENV_NGINX_CACHE_URL, ENV_CACHE_REFRESH_SECRET)  # edge.py

# REST under /api/v1/ (api/rest/). Authentication, permissions and limits are set on the API's
# own views, not as defaults: Wagtail's admin API and wagtail-localize are DRF views too.
INSTALLED_APPS += ["rest_framework", "drf_spectacular"]
API_REST_CACHE_MAX_AGE = 60  # seconds; Cache-Control of GET answers (private: keys are per client)
# The API's views choose their renderers: the browsable API only with DEBUG (api/rest/base.py).
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Equalcity REST API",
    "DESCRIPTION": (
        "Published Equalcity content for city apps, kiosks and the widgets trainee cities "
        "embed: the safe spaces as an Open Referral HSDS 3.1 export, a city's safe spaces, "
        "helplines and toolboxes. Every endpoint needs a consumer key."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The REST API's URLs only (api/rest/schema_urls.py), for the deploy check too.
    "DEFAULT_GENERATOR_CLASS": "api.rest.schema.RestSchemaGenerator",
    "COMPONENT_SPLIT_REQUEST": True,
}
# --- End of public content API -----------------------------------------------------------------

# --- Widgets and the kiosk (cms/frontend, frontend_stub/) ---------------------------------------
# The consumer keys the server puts into the kiosk page and the widget frame page (never into a
# URL). Without them, development (DEBUG) uses the demo key of var/demo-consumer-key.txt.
KIOSK_CONSUMER_KEY = ENV_KIOSK_CONSUMER_KEY
WIDGET_FRAME_CONSUMER_KEY = ENV_WIDGET_FRAME_CONSUMER_KEY
KIOSK_IDLE_SECONDS = 90  # a kiosk untouched this long returns to its start screen
# How often a kiosk asks for newer offline bundles of its city (each language's, by ETag).
KIOSK_BUNDLE_REFRESH_SECONDS = 300

# --- Delivery: offline bundles and the task queue (cms/delivery) -------------------------------
INSTALLED_APPS += ["cms.delivery", "django_tasks", "django_tasks_db"]
# The Ed25519 seed (base64) that signs offline bundles: manage.py bundle_signing_key makes one.
# Empty in development: a key is made once in var/bundle-signing-key.txt.
BUNDLE_SIGNING_KEY = ENV_BUNDLE_SIGNING_KEY
# Tasks run in the web process as they are enqueued (make demo, tests); production queues them
# in the database for `manage.py db_worker` (cms/settings/production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TASK_MAX_ATTEMPTS = 5  # a failing task runs at most this many times
TASK_RETRY_BASE_SECONDS = 10  # then waits 10 s, 20 s, 40 s, ... before the next attempt
WEBHOOK_SECRETS_KEY = ENV_WEBHOOK_SECRETS_KEY  # and the other webhook settings: webhooks.py

# Set by cms.settings.bench only: the file `make bench` serves as its ceiling (api/bench_views).
BENCH_CEILING_FILE: Path | None = None

# How long an invitation link for a city's coordinator or editor works (cms/access/invitations.py).
COORDINATOR_INVITATION_DAYS = 7

# How much of a translation must be translated before its editor can send it to language
# review, in percent of its texts (cms/translation/submitting.py).
TRANSLATION_REVIEW_MIN_PERCENT = 100
