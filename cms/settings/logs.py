"""The logging configuration: no IP address, no query string, one line per kind of warning or
error per minute (``cms.core.log_filters``)."""

from typing import Any


def logging_config(level: str) -> dict[str, Any]:
    """Django's ``LOGGING`` with the root logger at ``level`` (``LOG_LEVEL``)."""
    # django.server logs full request lines (with query strings and client addresses); it is
    # silenced. Application loggers write level and message only.
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
        "filters": {
            "without_sql_parameters": {"()": "cms.core.log_filters.WithoutSqlParameters"},
            "without_request": {"()": "cms.core.log_filters.WithoutRequest"},
            "once_per_minute": {"()": "cms.core.log_filters.OncePerMinute"},
            "suspicious_host": {"()": "cms.core.log_filters.SuspiciousHostOneLine"},
        },
        "handlers": {
            # One line per kind of warning or error per minute, with a count of the dropped
            # ones: an outage that fails every request does not write a traceback per request.
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "filters": ["once_per_minute"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "django.request": {
                "handlers": ["console"],
                "level": "ERROR",
                "propagate": False,
                "filters": ["without_request"],
            },
            # A Host header outside ALLOWED_HOSTS (scanners send them all day): one line, no
            # traceback.
            "django.security.DisallowedHost": {
                "handlers": ["console"],
                "level": "WARNING",
                "propagate": False,
                "filters": ["suspicious_host"],
            },
            # With DEBUG, every SQL statement is logged at DEBUG with its parameters (search text,
            # readers' coordinates): only its timing is kept, whatever the level.
            "django.db.backends": {"filters": ["without_sql_parameters"]},
            # One line per search-index and reference-index update: noise at INFO.
            "django_tasks": {"level": "WARNING"},
        },
    }
