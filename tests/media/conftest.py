"""moto's S3 server and a fresh bucket per test (tests/support/s3.py)."""

from tests.support.s3 import s3_bucket, s3_endpoint  # noqa: F401 - fixtures
