from tests.support.webhooks import receiver  # noqa: F401 - the fixture
