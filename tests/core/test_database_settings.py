"""``DATABASES`` from the environment (cms/settings/databases.py): direct or through PgBouncer,
with a read replica or not."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.databases import databases, pooled

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "cms" / "settings" / "base.py"
PRIMARY = "postgres://app@db.internal:6432/equalcity"
REPLICA = "postgres://app@replica.internal:6432/equalcity"
SQLITE = Path("/srv/equalcity.sqlite3")


def base_settings(monkeypatch, **environ: str) -> dict:
    for name in ("DATABASE_URL", "DATABASE_POOLER", "DATABASE_REPLICA_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("DATABASE_REPLICA_LAG_SECONDS", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_database_pooler_pgbouncer_turns_the_pooled_settings_on(monkeypatch):
    settings = base_settings(monkeypatch, DATABASE_URL=PRIMARY, DATABASE_POOLER="pgbouncer")

    database = settings["DATABASES"]["default"]
    assert database["HOST"] == "db.internal"
    assert database["PORT"] == 6432
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert database["OPTIONS"] == {"connect_timeout": 5, "prepare_threshold": None}
    assert database["CONN_MAX_AGE"] == 300
    assert database["CONN_HEALTH_CHECKS"] is True
    assert pooled(database) is True
    assert settings["DATABASE_REPLICA_ALIAS"] is None
    assert settings["DATABASE_ROUTERS"] == ["cms.core.db_router.ReplicaRouter"]


def test_a_direct_connection_keeps_server_side_cursors(monkeypatch):
    settings = base_settings(monkeypatch, DATABASE_URL=PRIMARY)

    database = settings["DATABASES"]["default"]
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is False
    assert database["OPTIONS"] == {"connect_timeout": 5}
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert pooled(database) is False


def test_a_replica_url_adds_the_replica_alias_with_the_same_pooling(monkeypatch):
    settings = base_settings(
        monkeypatch,
        DATABASE_URL=PRIMARY,
        DATABASE_REPLICA_URL=REPLICA,
        DATABASE_POOLER="PgBouncer",
        DATABASE_REPLICA_LAG_SECONDS="25",
    )

    assert list(settings["DATABASES"]) == ["default", "replica"]
    replica = settings["DATABASES"]["replica"]
    assert replica["HOST"] == "replica.internal"
    assert replica["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert replica["OPTIONS"]["prepare_threshold"] is None
    assert settings["DATABASE_REPLICA_ALIAS"] == "replica"
    assert settings["DATABASE_REPLICA_LAG_SECONDS"] == 25


def test_the_replica_lag_window_is_10_seconds_by_default(monkeypatch):
    assert base_settings(monkeypatch)["DATABASE_REPLICA_LAG_SECONDS"] == 10


def test_without_database_url_sqlite_is_never_pooled():
    assert databases("", "", "pgbouncer", SQLITE) == {
        "default": {
            "NAME": str(SQLITE),
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "DISABLE_SERVER_SIDE_CURSORS": False,
            "ENGINE": "django.db.backends.sqlite3",
        }
    }


@pytest.mark.parametrize(
    ("url", "replica_url", "pooler", "message"),
    [
        (PRIMARY, "", "pgpool", "DATABASE_POOLER must be empty or one of pgbouncer, not 'pgpool'."),
        ("", REPLICA, "", "DATABASE_REPLICA_URL needs DATABASE_URL (the primary)."),
    ],
)
def test_settings_that_cant_work_are_refused(url, replica_url, pooler, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        databases(url, replica_url, pooler, SQLITE)

    assert str(refused.value) == message
