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
}


def _run(code_or_args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DEBUG"}
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
        ("redis://127.0.0.1:6379/3", "django_redis.cache.RedisCache"),
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
