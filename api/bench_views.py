"""The benchmark's ceiling: Q1's response bytes served from memory by a plain Django view.

Mounted only under cms.settings.bench (BENCH_CEILING_FILE), so it never exists in production.
"""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@lru_cache(maxsize=1)
def _ceiling_bytes() -> bytes:
    if settings.BENCH_CEILING_FILE is None:
        raise Http404("Only under cms.settings.bench.")
    return Path(settings.BENCH_CEILING_FILE).read_bytes()


@require_GET
def ceiling(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_ceiling_bytes(), content_type="application/json")
