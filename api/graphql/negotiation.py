"""Content negotiation of the GraphQL endpoint: which media type answers a request's Accept
header (GraphQL over HTTP: ``application/graphql-response+json`` or ``application/json``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
APPLICATION_JSON = "application/json"
TEXT_HTML = "text/html"


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    charset: str | None

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 1
        if self.subtype == "*":
            return 2
        return 3

    def matches(self, media_type: str) -> bool:
        type_, _, subtype = media_type.partition("/")
        if self.charset not in (None, "utf-8", "utf8", "*"):
            return False
        return self.type in ("*", type_) and self.subtype in ("*", subtype)


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are ignored."""
    ranges = []
    for item in header.split(","):
        media_range, *parameters = item.split(";")
        type_, _, subtype = media_range.strip().lower().partition("/")
        if not type_ or not subtype:
            continue
        q = 1.0
        charset = None
        valid = True
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"').lower()
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    valid = False
                if not 0 <= q <= 1:
                    valid = False
            elif name == "charset":
                charset = value
        if valid:
            ranges.append(MediaRange(type_, subtype, q, charset))
    return ranges


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None when it accepts none of them.

    Each offered type takes the quality of the most specific range that matches it (RFC 9110,
    12.5.1). Ties go to the type the client named explicitly; between types matched by a
    wildcard only, to the earliest in ``offered``, except that ``application/json`` wins over
    ``application/graphql-response+json`` (a legacy client sending ``*/*`` expects it).
    """
    if accept is None or not accept.strip():
        return GRAPHQL_RESPONSE_JSON if GRAPHQL_RESPONSE_JSON in offered else offered[0]
    ranges = parse_accept(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, media_type in enumerate(offered):
        matching = [media_range for media_range in ranges if media_range.matches(media_type)]
        if not matching:
            continue
        most_specific = max(media_range.specificity for media_range in matching)
        q = max(r.q for r in matching if r.specificity == most_specific)
        if q <= 0:
            continue
        preference = -index
        if most_specific < 3 and media_type == APPLICATION_JSON:
            preference = 1
        rank = (q, most_specific, preference)
        if best is None or rank > best:
            best, chosen = rank, media_type
    return chosen
