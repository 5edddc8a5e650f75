"""Where a webhook may be sent, and the one request that sends it.

An endpoint is refused when its URL is not ``https://`` (``WEBHOOKS_REQUIRE_HTTPS``) or when
its host resolves to an address that is not on the public internet: private, loopback,
link-local, multicast, reserved, shared or unspecified (``WEBHOOKS_ALLOW_PRIVATE_TARGETS``
lifts this for development and tests). The check runs when a subscription is saved (a form
error) and again at every delivery, after DNS resolution: the request then connects to the
very address that was checked, so a name that resolves elsewhere the second time (DNS
rebinding) reaches nothing it shouldn't. Redirects are never followed: a ``3xx`` is a failure,
like any answer but ``2xx``.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

USER_AGENT = "Equalcity-Webhooks/1"
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(ValueError):
    """An endpoint this platform will not send to; the message says why, for the admin."""


class Unresolvable(TargetRefused):
    """A host name that resolves to nothing (now): refused by the form, retried by a
    delivery, since DNS may answer later."""


def parse_url(url: str) -> SplitResult:
    """The URL's parts, or ``TargetRefused`` when it can't be a webhook endpoint."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise TargetRefused("Not a URL: write https://host/path.") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise TargetRefused("Not a URL: write https://host/path.")
    if parts.username or parts.password:
        raise TargetRefused("A webhook URL carries no user name or password.")
    if parts.fragment:
        raise TargetRefused("A webhook URL has no #fragment.")
    if port == 0:
        raise TargetRefused("Not a URL: port 0.")
    if parts.scheme == "http" and settings.WEBHOOKS_REQUIRE_HTTPS:
        raise TargetRefused("A webhook URL must use https://.")
    return parts


def validate_webhook_url(value: str) -> None:
    """The URL field's own check (its form, its scheme); the addresses are the model's."""
    try:
        parse_url(value)
    except TargetRefused as refused:
        raise ValidationError(str(refused), code="invalid_webhook_url") from None


def is_public(address: Address) -> bool:
    """Whether an address is on the public internet (an IPv4 address written as IPv6 is
    judged as itself)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Unresolvable(f"“{host}” does not resolve to an address.") from None
    found: list[Address] = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    if not found:
        raise Unresolvable(f"“{host}” does not resolve to an address.")
    return found


def default_port(parts: SplitResult) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def allowed_addresses(parts: SplitResult) -> list[Address]:
    """The addresses a request to ``parts`` may connect to: every one the host resolves to,
    all of them public (unless ``WEBHOOKS_ALLOW_PRIVATE_TARGETS``), else ``TargetRefused``."""
    assert parts.hostname is not None  # noqa: S101 - parse_url made sure
    addresses = resolve(parts.hostname, default_port(parts))
    if not settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS and not all(map(is_public, addresses)):
        raise TargetRefused(
            f"“{parts.hostname}” resolves to a private, loopback, link-local, multicast or "
            "reserved address: webhooks go to the public internet only."
        )
    return addresses


def check_target(url: str) -> None:
    """What a subscription's form checks: the URL, and where its host resolves now. With
    private targets allowed (development, tests) the host is not looked up."""
    parts = parse_url(url)
    if not settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS:
        allowed_addresses(parts)


@dataclass(frozen=True)
class Answer:
    """How a request went: the status code (None when there was no answer), the time to the
    answer's status line, and what went wrong (empty for a 2xx)."""

    status_code: int | None
    latency_ms: int
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to one of the addresses already checked, never to a new lookup
    of the host name; TLS still checks the certificate against the host name."""

    def __init__(
        self, host: str, port: int, addresses: list[Address], timeout: float, tls: bool
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses
        self.tls = tls

    def connect(self) -> None:
        error: OSError | None = None
        for address in self.addresses:
            try:
                sock = socket.create_connection((str(address), self.port), timeout=self.timeout)
                break
            except OSError as failed:
                error = failed
        else:
            assert error is not None  # noqa: S101 - there was at least one address
            raise error
        if self.tls:
            context = ssl.create_default_context()
            sock = context.wrap_socket(sock, server_hostname=self.host)
        self.sock = sock


def describe(error: BaseException) -> str:
    """A failure in our words: its class and the system's message, never an answer's text."""
    if isinstance(error, TimeoutError | socket.timeout):
        return f"Timed out after {settings.WEBHOOK_TIMEOUT_SECONDS} s."
    text = f"{type(error).__name__}: {error}"
    return text[:255]


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST ``body`` to ``url`` once, after checking where it resolves (``TargetRefused``
    when it may not be sent there). The answer's body is neither read nor kept."""
    parts = parse_url(url)
    try:
        addresses = allowed_addresses(parts)
    except Unresolvable as error:
        return Answer(None, 0, str(error))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    assert parts.hostname is not None  # noqa: S101 - parse_url made sure
    connection = PinnedConnection(
        parts.hostname,
        default_port(parts),
        addresses,
        timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
        tls=parts.scheme == "https",
    )
    started = time.monotonic()
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "Connection": "close",
                **headers,
            },
        )
        response = connection.getresponse()
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        return Answer(None, _since(started), describe(error))
    finally:
        connection.close()
    latency = _since(started)
    if 200 <= status < 300:
        return Answer(status, latency, "")
    return Answer(status, latency, f"Answered {status}{_reason(status)}.")


def _since(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def _reason(status: int) -> str:
    # The standard phrase, never the endpoint's own text.
    try:
        return f" {http.HTTPStatus(status).phrase}"
    except ValueError:
        return ""
