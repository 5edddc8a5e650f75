"""A real S3 HTTP API on loopback for media tests: moto's server in a thread, with dummy
credentials and no AWS configuration of the machine (no ~/.aws, no instance metadata)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from django.core.cache import cache
from moto.server import ThreadedMotoServer

from cms.settings.storage import media_storages

REGION = "eu-test-1"
ACCESS_KEY_ID = "equalcity-test-key-id"
SECRET_ACCESS_KEY = "equalcity-test-secret"


@dataclass
class Bucket:
    """One fresh bucket on the moto server, with the policy production gives it."""

    endpoint: str
    name: str
    client: Any

    def object_keys(self) -> list[str]:
        answer = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in answer.get("Contents", []))

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def object_url(self, key: str) -> str:
        """The object's plain, unsigned URL at the endpoint."""
        return f"{self.endpoint}/{self.name}/{key}"

    def settings(self) -> dict[str, str]:
        """The S3_* environment variables that select this bucket."""
        return {
            "ENDPOINT_URL": self.endpoint,
            "BUCKET": self.name,
            "ACCESS_KEY_ID": ACCESS_KEY_ID,
            "SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            "REGION": REGION,
            "CUSTOM_DOMAIN": "",
            "PUBLIC_URL": "",
        }


def rendition_read_policy(bucket: str) -> str:
    """Anyone may read the renditions (images/), nothing else: docs/operations.md."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicRenditions",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/images/*",
                }
            ],
        }
    )


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on a free loopback port, for the whole run. It answers requests only;
    the AWS environment is isolated around each test's own clients (``s3_bucket``)."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def isolate_from_aws(env: pytest.MonkeyPatch) -> None:
    """No credentials, configuration or metadata service of the machine is consulted."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        env.delenv(name, raising=False)
    env.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
    env.setenv("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
    env.setenv("AWS_DEFAULT_REGION", REGION)
    env.setenv("AWS_CONFIG_FILE", "/dev/null")
    env.setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
    env.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def s3_bucket(s3_endpoint: str, settings: Any) -> Iterator[Bucket]:
    """A new private bucket whose images/ anyone may read, and the media settings that use
    it (STORAGES as cms/settings/storage.py builds it from S3_*)."""
    with pytest.MonkeyPatch.context() as env:
        isolate_from_aws(env)
        client: Any = boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )
        bucket = Bucket(s3_endpoint, f"media-{uuid.uuid4().hex[:12]}", client)
        client.create_bucket(
            Bucket=bucket.name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        client.put_bucket_policy(Bucket=bucket.name, Policy=rendition_read_policy(bucket.name))
        # Renditions cached by Wagtail from an earlier test would name files of another storage.
        cache.clear()
        settings.STORAGES = {
            **media_storages(bucket.settings()),
            "staticfiles": settings.STORAGES["staticfiles"],
        }
        yield bucket
