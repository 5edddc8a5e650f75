"""STORAGES from the S3_* variables (cms/settings/storage.py): local disk without them, a
private bucket with public renditions with them, a clear refusal of an incomplete setup."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from storages.backends.s3 import S3Storage

from cms.settings.storage import S3_VARIABLES, media_storages

S3 = {
    **dict.fromkeys(S3_VARIABLES, ""),
    "ENDPOINT_URL": "http://minio:9000",
    "BUCKET": "equalcity-media",
    "ACCESS_KEY_ID": "key-id",
    "SECRET_ACCESS_KEY": "secret",
    "REGION": "eu-west-1",
}


def test_without_s3_variables_media_stays_on_the_local_disk() -> None:
    storages = media_storages(dict.fromkeys(S3_VARIABLES, ""))
    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert set(storages) == {"default", "staticfiles"}


def test_with_s3_variables_originals_and_documents_get_signed_urls_renditions_plain_ones() -> None:
    storages = media_storages(S3)
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    private = S3Storage(**storages["default"]["OPTIONS"])
    public = S3Storage(**storages["renditions"]["OPTIONS"])
    assert private.default_acl is None
    assert public.default_acl is None
    # An upload never replaces another; a rendition made twice at once is one object.
    assert private.file_overwrite is False
    assert public.file_overwrite is True
    url = private.url("documents/plan.pdf")
    assert url.startswith("http://minio:9000/equalcity-media/documents/plan.pdf?")
    assert "X-Amz-Expires=300" in url
    assert "secret" not in url
    assert public.url("images/a.width-960.jpg") == (
        "http://minio:9000/equalcity-media/images/a.width-960.jpg"
    )


@pytest.mark.parametrize(
    ("variables", "url"),
    [
        (
            {"PUBLIC_URL": "https://cms.equalcity.example/media/"},
            "https://cms.equalcity.example/media/images/a.width-960.jpg",
        ),
        (
            {"CUSTOM_DOMAIN": "media.equalcity.example"},
            "https://media.equalcity.example/images/a.width-960.jpg",
        ),
    ],
)
def test_renditions_are_linked_at_the_public_url(variables: dict[str, str], url: str) -> None:
    options = media_storages({**S3, **variables})["renditions"]["OPTIONS"]
    assert S3Storage(**options).url("images/a.width-960.jpg") == url


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"BUCKET": ""}, "S3 media storage needs S3_BUCKET (the other S3_* variables are set)."),
        (
            {"PUBLIC_URL": "https://a.example", "CUSTOM_DOMAIN": "b.example"},
            "Set S3_PUBLIC_URL or S3_CUSTOM_DOMAIN, not both.",
        ),
        (
            {"PUBLIC_URL": "media.equalcity.example"},
            "S3_PUBLIC_URL must be an http(s) URL without a query, e.g. "
            "https://media.equalcity.example/equalcity-media",
        ),
    ],
)
def test_an_incomplete_s3_setup_is_refused(variables: dict[str, str], message: str) -> None:
    with pytest.raises(ImproperlyConfigured) as refusal:
        media_storages({**S3, **variables})
    assert str(refusal.value) == message
