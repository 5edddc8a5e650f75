"""gunicorn, as production runs it: ``gunicorn -c deploy/gunicorn.conf.py cms.wsgi``.

Every value can be overridden by the environment variable named beside it. gunicorn sits
behind nginx (deploy/nginx/), which buffers whole requests and responses, so a slow client
holds an nginx connection, never a worker.
"""

import gc
import math
import os
from pathlib import Path


def available_cpus(cgroup_root: str = "/sys/fs/cgroup") -> int:
    """The cores this process may use: its CPU affinity, capped by a container's cgroup v2
    quota (``cpu.max``, e.g. ``200000 100000`` for two cores). ``os.cpu_count()`` alone reports
    the host's cores, and a 2-core container on a 64-core host would start 129 workers."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = Path(cgroup_root, "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        return max(cpus, 1)
    if quota != "max" and int(period) > 0:
        cpus = min(cpus, math.ceil(int(quota) / int(period)))
    return max(cpus, 1)


# Where nginx reaches the app (a Unix socket or host:port).
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
# Sync workers: one request at a time each, the safe model for Django's ORM. From the cores
# this container may use, the usual 2 x cores + 1, unless WEB_CONCURRENCY says otherwise.
workers = int(os.environ.get("WEB_CONCURRENCY", "0") or 0) or available_cpus() * 2 + 1
worker_class = "sync"
# A request running longer than this is killed (and its worker replaced).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Each worker is replaced after about this many requests: a slow leak never grows unbounded,
# and the jitter keeps the workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The app is imported once, before the workers fork.
preload_app = True
# Heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# No access log: its lines hold client addresses and query strings. Errors go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# The proxy sets X-Forwarded-Proto; only a proxy on these addresses is believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Request-line and header limits (bytes): larger is refused before Django sees it.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190


def when_ready(server):
    """Once the app is imported and before the workers fork: move every object alive now
    (Django, Wagtail, the schema) out of the garbage collector's sight. Without it, each
    full collection in a worker walks those hundreds of thousands of objects: a pause of
    about 80 ms that lands on whichever request triggers it (the 99th percentile of a
    refused query went from 14 ms to 92 ms). Frozen, they also stay shared between workers
    (copy-on-write) instead of being touched, and copied, by every collection."""
    gc.collect()
    gc.freeze()
