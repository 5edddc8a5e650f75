"""A frontend cache backend that records what it is asked to purge."""

from typing import Any, ClassVar

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class Recorder(BaseBackend):
    purged: ClassVar[list[str]] = []

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)

    def purge(self, url: str) -> None:
        self.purged.append(url)
