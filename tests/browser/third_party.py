"""Catching requests to any origin but the app's own, in Playwright."""

from urllib.parse import urlsplit


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def block_other_origins(context, app_url: str) -> list[str]:
    """Abort every request ``context`` makes to another origin than ``app_url``'s; the list
    returned fills with their URLs (the test asserts it stays empty)."""
    own = origin(app_url)
    blocked: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        if origin(url) == own:
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", handle)
    return blocked
