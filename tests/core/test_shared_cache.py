"""The shared cache (Redis) degrades to each process's memory and comes back by itself
(cms/core/cache.py); the response cache is bypassed meanwhile and emptied on recovery
(api/result_cache.py); /healthz is liveness only and /readyz names what is down."""

from __future__ import annotations

import logging
import uuid
from unittest import mock

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

from api import result_cache
from cms.core import cache as shared
from safe_spaces.models import Helpline
from tests.outage import database_down


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    moving = Clock()
    with mock.patch.object(shared, "monotonic", moving):
        yield moving


def backend(location: str) -> shared.ResilientRedisCache:
    return shared.ResilientRedisCache(
        location,
        {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}", "OPTIONS": {"RETRY_SECONDS": 2}},
    )


def redis_caches(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "cms.core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"RETRY_SECONDS": 2},
        }
    }


def test_with_redis_up_calls_go_to_redis(redis_server, clock):
    cache = backend(redis_server.url)
    cache.set("greeting", "hello")

    assert cache.get("greeting") == "hello"
    assert cache.client.get_client().keys("*greeting") != []
    assert cache.state == shared.OK


def test_redis_down_answers_from_memory_and_says_so_once(redis_server, clock, caplog):
    cache = backend(redis_server.url)
    cache.set("kept", "from redis")
    redis_server.kill()
    caplog.set_level(logging.WARNING, logger="cms.core.cache")

    assert cache.get("kept") is None  # memory starts empty: never a stale copy
    cache.set("counter", 0)
    assert [cache.incr("counter") for _ in range(3)] == [1, 2, 3]
    assert cache.add("counter", 99) is False
    assert cache.state == shared.DEGRADED
    assert len(caplog.records) == 1
    assert (
        caplog.records[0]
        .getMessage()
        .startswith(
            "Shared cache (Redis) unreachable (ConnectionError): this process answers "
            "from its own memory until Redis is back"
        )
    )
    assert caplog.records[0].exc_info is None


def test_while_degraded_redis_is_probed_once_per_interval_not_per_call(clock, caplog):
    cache = backend(f"redis://127.0.0.1:1/{uuid.uuid4().int % 16}")
    caplog.set_level(logging.WARNING, logger="cms.core.cache")
    refused = ConnectionInterrupted(connection=None)
    with mock.patch.object(RedisCache, "get", side_effect=refused) as redis_get:
        for _ in range(500):
            assert cache.get("anything", "default") == "default"
        assert redis_get.call_count == 1

        clock.now += 2
        for _ in range(500):
            cache.get("anything")
        assert redis_get.call_count == 2

        # A minute on (a probe, then calls from memory): one line with the count.
        clock.now += 60
        cache.get("anything")
        cache.get("anything")
        cache.get("anything")
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2
    assert messages[1].startswith("Shared cache (Redis) still unreachable after 62 s: ")
    assert "cache calls answered from this process's memory in the last 60 s" in messages[1]


def test_redis_back_ends_the_outage_and_signals_it(redis_server, clock, caplog):
    cache = backend(redis_server.url)
    redis_server.kill()
    cache.set("during", "memory")
    received = []

    def on_recovered(**kwargs):
        received.append(kwargs["outage_seconds"])

    shared.shared_cache_recovered.connect(on_recovered)
    try:
        redis_server.start()
        assert cache.get("during") == "memory"  # the next probe isn't due yet
        clock.now += 7
        assert cache.get("during") is None  # Redis answers: what memory held is not served
    finally:
        shared.shared_cache_recovered.disconnect(on_recovered)

    assert cache.state == shared.OK
    assert received == [7]
    assert [r.getMessage() for r in caplog.records if "again" in r.getMessage()] == [
        "Shared cache (Redis) reachable again after 7 s; 2 cache calls were answered from "
        "this process's memory meanwhile."
    ]


def test_no_redis_configured_is_a_local_cache():
    assert shared.shared_cache_state() == shared.LOCAL


@pytest.mark.django_db
def test_the_response_cache_is_bypassed_during_an_outage_and_emptied_after_it(
    redis_server, clock, settings
):
    settings.API_RESULT_CACHE_SECONDS = 60
    with override_settings(CACHES=redis_caches(redis_server.url)):
        key = result_cache.response_key("query")
        result_cache.put(key, b"before the outage")
        assert result_cache.get(key).body == b"before the outage"
        version = result_cache.content_version()

        redis_server.kill()
        assert result_cache.get(key) is None
        assert shared.shared_cache_state() == shared.DEGRADED
        result_cache.put(key, b"in this process only")
        assert result_cache.get(key) is None
        result_cache.bump_content_version()  # a publication: no error

        # Redis back with its data (a network blip): the recovery bumps the version once.
        redis_server.start()
        clock.now += 2
        assert shared.shared_cache_state(probe=True) == shared.OK
        assert result_cache.content_version() != version
        assert result_cache.get(result_cache.response_key("query")) is None


@pytest.mark.django_db
def test_an_editor_publishes_without_an_error_while_redis_is_down(
    redis_server, clock, admin_client, django_capture_on_commit_callbacks
):
    with override_settings(CACHES=redis_caches(redis_server.url)):
        redis_server.kill()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = admin_client.post(
                reverse("wagtailsnippets_safe_spaces_helpline:add"),
                {
                    "name": "Brussels listening line",
                    "scope": "national",
                    "city": "",
                    "country": "BE",
                    "number": "17 12",
                    "description": "Anonymous listening line.",
                    "hours_description": "Weekdays 9:00-19:00",
                    "languages": "nl, fr",
                    "free_of_charge": "on",
                    "action-publish": "action-publish",
                },
                follow=True,
            )

    assert callbacks  # the response cache's version bump ran, against memory
    assert response.status_code == 200
    (message,) = response.context["messages"]
    assert str(message).startswith(
        "Helpline &#x27;Brussels listening line&#x27; created and published."
    )
    assert Helpline.objects.get().live is True


def test_healthz_is_liveness_only():
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        response = Client().get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    cursor.assert_not_called()


@pytest.mark.django_db
def test_readyz_reports_a_degraded_cache_without_failing(redis_server, clock):
    with override_settings(CACHES=redis_caches(redis_server.url)):
        assert Client().get("/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
        redis_server.kill()
        response = Client().get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "degraded"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_503_naming_the_database_when_it_is_down():
    with database_down():
        response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "local"}
    assert response["Retry-After"] == "5"


def test_readyz_takes_get_only():
    assert Client().post("/readyz").status_code == 405
