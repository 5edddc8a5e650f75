"""Static files and media: where uploads go and how they are served; read into every settings
module through ``base.py``, which reads the environment (``MEDIA_ROOT``, ``STATIC_ROOT`` and the
``S3_*`` variables) and calls ``media_storages``.

Without ``S3_BUCKET``, media stays on the local disk (``MEDIA_ROOT``): the demo, development and
a single-server deployment. With it, media goes to S3-compatible object storage (AWS S3, MinIO,
...) through django-storages, in one private bucket:

- ``original_images/`` and ``documents/`` through the ``default`` storage: private objects
  (no ACL, the bucket's own, private), and any URL the storage gives out is signed and short-lived.
  Documents are never linked to the bucket: Wagtail's document view checks their collection's
  privacy and then streams them through the app (``WAGTAILDOCS_SERVE_METHOD``).
- ``images/`` (the renditions the API returns) through the ``renditions`` storage: plain,
  unsigned URLs that stay valid as long as the rendition exists, so cached API answers and
  offline bundles keep working. The bucket's policy lets anyone read this prefix, and only it
  (deploy/compose.yaml sets it on MinIO; docs/operations.md has the AWS policy). ``S3_PUBLIC_URL``
  (or ``S3_CUSTOM_DOMAIN``) names where readers fetch them: a CDN or the site's own proxy.
"""

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_URL = "/static/"
MEDIA_URL = "/media/"

# The S3_* environment variables base.py reads, each as S3_<name>.
S3_VARIABLES = (
    "ENDPOINT_URL",
    "BUCKET",
    "ACCESS_KEY_ID",
    "SECRET_ACCESS_KEY",
    "REGION",
    "CUSTOM_DOMAIN",
    "PUBLIC_URL",
)
# How long a signed URL of a private object (an original image in the admin) stays valid.
S3_SIGNED_URL_SECONDS = 300
# Renditions' names change whenever their image or its focal point does; a day in any cache.
S3_RENDITION_CACHE_CONTROL = "public, max-age=86400"

# Wagtail's document view streams every document through the app after its permission check
# (a collection's view restriction, cms.access), whatever the storage: a redirect to a signed
# URL would hand readers a link that works for anyone for its lifetime, and send them to the
# storage provider's servers (their address included). The images' renditions come from the
# storage the alias names, when STORAGES has it (cms/core/media.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_RENDITION_STORAGE = "cms.core.media.rendition_storage"
RENDITION_STORAGE_ALIAS = "renditions"

STATIC_FILES_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"


def media_storages(s3: dict[str, str]) -> dict[str, dict[str, Any]]:
    """``STORAGES``: the local disk, or the S3 bucket when ``S3_BUCKET`` is set."""
    if not any(s3.values()):
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": STATIC_FILES_STORAGE,
        }
    if not s3.get("BUCKET"):
        raise ImproperlyConfigured(
            "S3 media storage needs S3_BUCKET (the other S3_* variables are set)."
        )
    if s3.get("PUBLIC_URL") and s3.get("CUSTOM_DOMAIN"):
        raise ImproperlyConfigured("Set S3_PUBLIC_URL or S3_CUSTOM_DOMAIN, not both.")
    private = {**s3_options(s3), "querystring_auth": True}
    public = {
        **s3_options(s3),
        "querystring_auth": False,
        # A rendition's name is its image's and filter's: two requests that make the same one
        # at once write the same object, rather than a second copy that no row tracks and no
        # deletion would ever remove.
        "file_overwrite": True,
        "object_parameters": {"CacheControl": S3_RENDITION_CACHE_CONTROL},
        **public_location(s3),
    }
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": private},
        RENDITION_STORAGE_ALIAS: {"BACKEND": S3_BACKEND, "OPTIONS": public},
        "staticfiles": STATIC_FILES_STORAGE,
    }


def s3_options(s3: dict[str, str]) -> dict[str, Any]:
    """django-storages' options shared by both storages. Empty keys leave boto3 to find
    credentials itself (an instance role on AWS)."""
    endpoint = s3.get("ENDPOINT_URL") or None
    return {
        "bucket_name": s3["BUCKET"],
        "endpoint_url": endpoint,
        "region_name": s3.get("REGION") or None,
        "access_key": s3.get("ACCESS_KEY_ID") or None,
        "secret_key": s3.get("SECRET_ACCESS_KEY") or None,
        # No ACL on any object: they are private, as the bucket is; only the bucket's policy
        # opens images/ to reading. Buckets with ACLs disabled (AWS's default) accept this.
        "default_acl": None,
        "querystring_expire": S3_SIGNED_URL_SECONDS,
        # Never replace an object by another of the same name: a new upload gets a new name.
        "file_overwrite": False,
        "signature_version": "s3v4",
        # MinIO and most S3-compatible servers address buckets by path, not by host name.
        "addressing_style": "path" if endpoint else None,
    }


def public_location(s3: dict[str, str]) -> dict[str, str]:
    """Where renditions are fetched: ``S3_PUBLIC_URL`` (scheme, host, optional path),
    ``S3_CUSTOM_DOMAIN`` (a host over https), else the bucket's own URL at the endpoint."""
    if s3.get("CUSTOM_DOMAIN"):
        return {"custom_domain": s3["CUSTOM_DOMAIN"].strip("/"), "url_protocol": "https:"}
    if not s3.get("PUBLIC_URL"):
        return {}
    parts = urlsplit(s3["PUBLIC_URL"])
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise ImproperlyConfigured(
            "S3_PUBLIC_URL must be an http(s) URL without a query, e.g. "
            "https://media.equalcity.example/equalcity-media"
        )
    return {
        "custom_domain": parts.netloc + parts.path.rstrip("/"),
        "url_protocol": f"{parts.scheme}:",
    }
