"""The production stack's committed files (deploy/): the compose file, the image, the nginx
template (checked by the real nginx) and the gunicorn configuration. Docker itself does not
run here; `make proxy-check` and tests/deploy/test_proxy.py run the same nginx and gunicorn
configurations without containers."""

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from api.management.local_stack import NGINX_TEMPLATE, nginx_main_config, render_template

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_compose_starts_the_whole_stack(compose):
    services = compose["services"]
    assert set(services) == {
        "postgres",
        "pgbouncer",
        "redis",
        "migrate",
        "web",
        "scheduler",
        "worker",
        "nginx",
        "minio",
        "minio-setup",
    }
    # Only the proxy is published.
    assert [name for name, service in services.items() if "ports" in service] == ["nginx"]
    assert services["nginx"]["ports"] == ["${HTTP_PORT:-80}:8080"]
    assert services["web"]["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"},
        "pgbouncer": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "minio-setup": {"condition": "service_completed_successfully"},
    }
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert services["nginx"]["depends_on"] == {"web": {"condition": "service_healthy"}}


def test_every_app_service_runs_production_settings_with_redis(compose):
    for name in ("migrate", "web", "scheduler", "worker"):
        environment = compose["services"][name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert environment["DATABASE_URL"].startswith("postgres://equalcity:${POSTGRES_PASSWORD:?")
        assert compose["services"][name]["env_file"] == ".env"


def test_app_services_go_through_pgbouncer_and_migrations_straight_to_postgresql(compose):
    services = compose["services"]
    for name in ("web", "scheduler", "worker"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].endswith("@pgbouncer:5432/equalcity")
        assert environment["DATABASE_POOLER"] == "pgbouncer"
        assert services[name]["depends_on"]["pgbouncer"] == {"condition": "service_healthy"}
    migrate = services["migrate"]["environment"]
    assert migrate["DATABASE_URL"].endswith("@postgres:5432/equalcity")
    assert migrate["DATABASE_POOLER"] == ""
    pgbouncer = services["pgbouncer"]
    assert pgbouncer["image"].startswith("edoburu/pgbouncer:")
    assert pgbouncer["environment"]["POOL_MODE"] == "transaction"
    assert pgbouncer["environment"]["DB_HOST"] == "postgres"
    assert pgbouncer["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert "ports" not in pgbouncer


def test_the_scheduler_publishes_every_minute_and_redis_keeps_nothing(compose):
    assert compose["services"]["scheduler"]["command"] == (
        'sh -c "while true; do python manage.py publish_scheduled; '
        'python manage.py prune_change_log; sleep 60; done"'
    )
    redis = compose["services"]["redis"]["command"]
    assert '--save ""' in redis
    assert "--appendonly no" in redis
    assert "--maxmemory-policy allkeys-lru" in redis


def test_a_worker_runs_the_task_queue_that_production_settings_use(compose):
    worker = compose["services"]["worker"]
    assert worker["command"] == "python manage.py db_worker --interval 1"
    assert worker["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert "ports" not in worker


def test_nginx_renders_the_committed_template(compose):
    nginx = compose["services"]["nginx"]
    assert (
        "./nginx/equalcity.conf.template:/etc/nginx/templates/equalcity.conf.template:ro"
        in (nginx["volumes"])
    )
    assert set(nginx["environment"]) == {
        "NGINX_PORT",
        "UPSTREAM",
        "STATIC_ROOT",
        "MEDIA_ROOT",
        "MEDIA_BUCKET_URL",
        "PUBLIC_SCHEME",
        "CACHE_ROOT",
        "CACHE_REFRESH_SECRET",
    }


def test_media_goes_to_the_minio_bucket_and_no_app_service_keeps_it_on_disk(compose):
    services = compose["services"]
    for name in ("migrate", "web", "scheduler", "worker"):
        environment = services[name]["environment"]
        assert environment["S3_ENDPOINT_URL"] == "http://minio:9000"
        assert environment["S3_BUCKET"] == "${S3_BUCKET:-equalcity-media}"
        assert environment["S3_PUBLIC_URL"] == (
            "${WAGTAILADMIN_BASE_URL:?set WAGTAILADMIN_BASE_URL in deploy/.env}/media/bucket"
        )
        assert "MEDIA_ROOT" not in environment
        assert "volumes" not in services[name] or name == "migrate"
    assert services["worker"]["depends_on"]["minio-setup"] == {
        "condition": "service_completed_successfully"
    }
    assert "media" not in compose["volumes"]
    assert services["minio"]["volumes"] == ["miniodata:/data"]
    assert "ports" not in services["minio"]
    setup = services["minio-setup"]
    assert setup["depends_on"] == {"minio": {"condition": "service_healthy"}}
    assert setup["restart"] == "no"
    # The bucket stays private; only the renditions' prefix may be read anonymously.
    assert r"mc anonymous set none \"store/$$S3_BUCKET\"" in setup["entrypoint"]
    assert r"mc anonymous set download \"store/$$S3_BUCKET/images\"" in setup["entrypoint"]
    assert services["nginx"]["environment"]["MEDIA_BUCKET_URL"] == (
        "http://minio:9000/${S3_BUCKET:-equalcity-media}"
    )


def test_the_image_is_non_root_hash_locked_with_static_files_and_a_health_check():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE)
    assert users == ["equalcity:equalcity"]
    assert "--require-hashes" in dockerfile
    assert "collectstatic --no-input" in dockerfile
    assert (
        "HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \\\n"
        '    CMD ["python", "deploy/healthcheck.py"]' in dockerfile
    )
    assert dockerfile.rstrip().endswith(
        'CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "cms.wsgi"]'
    )
    ignored = (DEPLOY.parent / ".dockerignore").read_text().split()
    assert {".git", ".venv", "var", ".env", "deploy/.env"} <= set(ignored)


@pytest.fixture
def rendered(tmp_path) -> str:
    return render_template(
        NGINX_TEMPLATE.read_text(),
        {
            "NGINX_PORT": "127.0.0.1:18080",
            "UPSTREAM": "127.0.0.1:18000",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "MEDIA_BUCKET_URL": "http://127.0.0.1:19000/equalcity-media",
            "PUBLIC_SCHEME": "https",
            "CACHE_ROOT": str(tmp_path / "cache"),
            "CACHE_REFRESH_SECRET": "a-long-random-secret",
        },
    )


def test_nginx_accepts_the_rendered_template(rendered, tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    site = tmp_path / "equalcity.conf"
    site.write_text(rendered)
    main = tmp_path / "nginx.conf"
    main.write_text(nginx_main_config(tmp_path, site))
    result = subprocess.run(  # noqa: S603 - the system nginx, our rendered config
        [nginx, "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_buffers_slow_clients_and_uses_no_client_address(rendered):
    directives = {
        "client_header_timeout 10s;",
        "client_body_timeout 10s;",
        "send_timeout 10s;",
        "client_max_body_size 20m;",
        "proxy_buffering on;",
        "proxy_request_buffering on;",
        "proxy_set_header X-Forwarded-Proto https;",
        'proxy_set_header X-Forwarded-For "";',
        "access_log off;",
        "server_tokens off;",
    }
    lines = {line.strip() for line in rendered.splitlines()}
    assert directives <= lines
    code = "\n".join(line.split("#")[0] for line in rendered.splitlines())
    assert "remote_addr" not in code
    assert "limit_req" not in code and "limit_conn" not in code


def test_only_the_cached_graphql_location_passes_a_cache_refresh_on(rendered):
    """/api/graphql (no slash) reaches the same view through ``location /``: a client's
    refresh header is dropped there, and passed on from the cached location only when nginx
    holds the same secret."""

    def block(opening: str) -> set[str]:
        start = rendered.index(opening)
        return {
            line.strip() for line in rendered[start : rendered.index("\n    }", start)].splitlines()
        }

    assert 'proxy_set_header X-Equalcity-Cache-Refresh "";' in block("location / {")
    assert "proxy_set_header X-Equalcity-Cache-Refresh $equalcity_refresh_header;" in block(
        "location = /api/graphql/ {"
    )


def test_nginx_passes_nothing_of_the_client_to_the_bucket(rendered):
    start = rendered.index("location /media/bucket/images/ {")
    block = rendered[start : rendered.index("\n    }", start)]
    lines = {line.strip() for line in block.splitlines()}
    assert {
        "proxy_pass http://127.0.0.1:19000/equalcity-media/images/;",
        'proxy_set_header Authorization "";',
        'proxy_set_header Cookie "";',
        "proxy_hide_header Set-Cookie;",
        "deny all;",
    } <= lines


def test_gunicorn_takes_its_workers_from_the_cores_and_keeps_no_access_log(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    assert config["workers"] == config["available_cpus"]() * 2 + 1
    assert config["accesslog"] is None
    assert config["worker_class"] == "sync"
    assert (config["timeout"], config["max_requests"], config["max_requests_jitter"]) == (
        30,
        2000,
        200,
    )
    assert config["preload_app"] is True


def test_gunicorn_counts_a_containers_cpu_quota(tmp_path, monkeypatch):
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(64)))
    (tmp_path / "cpu.max").write_text("150000 100000\n")
    assert config["available_cpus"](str(tmp_path)) == 2
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert config["available_cpus"](str(tmp_path)) == 64
    assert config["available_cpus"](str(tmp_path / "absent")) == 64


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert (config["workers"], config["bind"]) == (3, ["0.0.0.0:9000"])
