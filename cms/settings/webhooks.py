"""Signed webhooks to city apps (cms/delivery/webhooks.py), sent by the task queue; read into
every settings module through ``base.py``, which also reads ``WEBHOOK_SECRETS_KEY``.

Each endpoint's ``whsec_`` secret is kept encrypted (Fernet) under a key derived from
``WEBHOOK_SECRETS_KEY``, or from ``SECRET_KEY`` (and ``SECRET_KEY_FALLBACKS``) when that is
empty (cms/delivery/webhook_secrets.py).
"""

# Endpoints must be https:// and resolve to public addresses only, checked when a subscription
# is saved and again at each delivery after DNS resolution; development and tests lift both.
WEBHOOKS_REQUIRE_HTTPS = True
WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
WEBHOOK_TIMEOUT_SECONDS = 5  # to connect, and again to get the answer's status line
WEBHOOK_LOG_DAYS = 30  # deliveries older than this leave the log (prune_change_log)
