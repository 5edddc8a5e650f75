"""The container's liveness check: GET /healthz on the app's own port, exit 0 when it is 200.

It asks as the proxy would, so that production settings answer it: the first of
ALLOWED_HOSTS as the Host, and X-Forwarded-Proto https (otherwise SECURE_SSL_REDIRECT would
answer with a redirect). /healthz touches neither the database nor Redis.
"""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost"
port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rpartition(":")[2]
request = urllib.request.Request(  # noqa: S310 - a fixed http URL on loopback
    f"http://127.0.0.1:{port}/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except OSError as error:
    sys.exit(f"unhealthy: {error}")
