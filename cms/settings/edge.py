"""The shared caches in front of the API, purged by surrogate key after each change
(``api/edge_cache.py``): Wagtail's frontend cache backends. A CDN (Cloudflare, CloudFront,
Varnish...) is one more entry, with its own backend."""

from typing import Any


def edge_caches(nginx_url: str, refresh_secret: str) -> dict[str, dict[str, Any]]:
    """``WAGTAILFRONTENDCACHE``: the stack's nginx when both its URL and secret are set."""
    if not (nginx_url and refresh_secret):
        return {}
    return {
        "nginx": {
            "BACKEND": "api.edge_cache.NginxCacheBackend",
            "LOCATION": nginx_url,
            "SECRET": refresh_secret,
        }
    }
