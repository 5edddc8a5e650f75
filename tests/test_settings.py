"""Settings behaviour that only shows in a fresh process: production refusals, deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "prod-test-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP",
    "ALLOWED_HOSTS": "cms.equalcity.example",
    "DATABASE_URL": "postgres://equalcity@127.0.0.1:5432/equalcity",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
}


def _run(code_or_args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "SINGLE_PROCESS",
            "DEBUG",
        }
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _run(
        ["manage.py", "check"], {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.production"}
    )
    assert result.returncode != 0
    assert "Production settings need these environment variables: " + missing in result.stderr


def test_production_refuses_to_start_without_redis_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    result = _run(
        ["manage.py", "check"], {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.production"}
    )
    assert result.returncode != 0
    assert (
        "django.core.exceptions.ImproperlyConfigured: Production settings need REDIS_URL: "
        "without a shared cache every process counts request limits and caches API responses "
        "on its own, and an unpublished page stays visible in the other processes. Set "
        "REDIS_URL, or SINGLE_PROCESS=true if this deployment runs exactly one process."
    ) in result.stderr


def test_single_process_production_starts_without_redis_url_on_a_local_cache():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = _run(
        ["-c", f"import django; django.setup(); {code}"],
        {**env, "SINGLE_PROCESS": "true", "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_single_process_false_still_needs_redis_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    result = _run(
        ["manage.py", "check"],
        {**env, "SINGLE_PROCESS": "false", "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
    )
    assert result.returncode != 0
    assert "Production settings need REDIS_URL" in result.stderr


def test_check_deploy_reports_nothing_under_production_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("redis://127.0.0.1:6379/3", "cms.core.cache.ResilientRedisCache"),
        ("", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_redis_url_switches_the_cache_backend(redis_url, backend):
    code = "from cms.settings import base; print(base.CACHES['default']['BACKEND'])"
    result = _run(["-c", code], {"REDIS_URL": redis_url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


def test_invalid_boolean_environment_value_is_refused():
    result = _run(["-c", "import cms.settings.base"], {"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'." in result.stderr


def test_redis_cache_has_short_socket_timeouts_and_a_probe_interval():
    code = (
        "from cms.settings import base; import json; "
        "print(json.dumps(base.CACHES['default']['OPTIONS'], sort_keys=True))"
    )
    result = _run(["-c", code], {"REDIS_URL": "redis://127.0.0.1:6379/3"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '{"CLIENT_CLASS": "django_redis.client.DefaultClient", "RETRY_SECONDS": 2.0, '
        '"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5}'
    )


def test_production_queues_tasks_in_the_database_and_development_runs_them_at_once():
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    production = _run(
        ["-c", f"import django; django.setup(); {code}"],
        {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
    )
    development = _run(
        ["-c", f"import django; django.setup(); {code}"],
        {"DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
    )

    assert production.stdout.strip() == "django_tasks_db.DatabaseBackend"
    assert development.stdout.strip() == "django_tasks.backends.immediate.ImmediateBackend"
