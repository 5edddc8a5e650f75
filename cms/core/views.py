"""Site-wide views: liveness (/healthz) and readiness (/readyz) for load balancers and
orchestrators. Neither says more than the words below: no version, host or error text."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.core.cache import shared_cache_state

# Seconds a load balancer or client is asked to wait when the database is unreachable.
READY_RETRY_AFTER_SECONDS = 5


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers HTTP. Touches neither the database nor the cache, so an
    orchestrator never restarts healthy processes because a dependency is down (that is what
    /readyz reports)."""
    return JsonResponse({"status": "ok"})


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return "unavailable"
    return "ok"


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: 503 while the database is unreachable (nothing but cached answers could be
    served), 200 otherwise. A degraded shared cache doesn't fail it: every process keeps
    answering from its own memory, so taking it out of rotation would only make things worse.
    ``cache`` is "ok", "degraded" (Redis unreachable) or "local" (no Redis configured)."""
    database = _database_state()
    cache = shared_cache_state(probe=True)
    if database != "ok":
        response = JsonResponse(
            {"status": "unavailable", "database": database, "cache": cache}, status=503
        )
        response["Retry-After"] = str(READY_RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": database, "cache": cache})
