"""The stack's nginx serves the bucket's renditions at /media/bucket/images/ (deploy/compose.yaml:
MinIO) and nothing else of the bucket: the committed template, run by the system nginx in front
of moto's S3 server."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.management.bench_load import nginx_cache
from api.management.local_stack import free_port
from tests.support.s3 import Bucket


@pytest.fixture
def proxy(s3_bucket: Bucket, tmp_path: Path) -> Iterator[str]:
    """The committed template; its upstream app is not running (nothing here reaches it)."""
    with nginx_cache(
        free_port(),
        tmp_path,
        media_bucket_url=f"{s3_bucket.endpoint}/{s3_bucket.name}",
        worker_processes=1,
    ) as port:
        yield f"http://127.0.0.1:{port}"


def fetch(
    url: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_nginx_serves_the_buckets_renditions_and_nothing_else_of_it(
    s3_bucket: Bucket, proxy: str
) -> None:
    put = s3_bucket.client.put_object
    put(Bucket=s3_bucket.name, Key="images/desk.width-960.jpg", Body=b"\xff\xd8\xff desk")
    put(Bucket=s3_bucket.name, Key="documents/plan.pdf", Body=b"%PDF-1.4 plan")
    put(Bucket=s3_bucket.name, Key="original_images/desk.jpg", Body=b"\xff\xd8\xff original")

    assert fetch(f"{proxy}/media/bucket/images/desk.width-960.jpg") == (200, b"\xff\xd8\xff desk")
    # A client's credentials and cookies change nothing (nginx drops them).
    assert fetch(
        f"{proxy}/media/bucket/images/desk.width-960.jpg",
        headers={"Authorization": "AWS4-HMAC-SHA256 Credential=x", "Cookie": "sessionid=x"},
    ) == (200, b"\xff\xd8\xff desk")
    assert fetch(f"{proxy}/media/bucket/documents/plan.pdf") == (404, b"")
    assert fetch(f"{proxy}/media/bucket/images/..%2Fdocuments%2Fplan.pdf") == (404, b"")
    assert fetch(f"{proxy}/media/bucket/images/%2E%2E/original_images/desk.jpg") == (404, b"")
    assert fetch(f"{proxy}/media/bucket/images/missing.jpg") == (404, b"")
    assert fetch(f"{proxy}/media/bucket/images/new.jpg", method="PUT") == (403, b"")
    assert fetch(f"{proxy}/media/bucket/images/desk.width-960.jpg", method="DELETE") == (403, b"")
    assert s3_bucket.object_keys() == [
        "documents/plan.pdf",
        "images/desk.width-960.jpg",
        "original_images/desk.jpg",
    ]
