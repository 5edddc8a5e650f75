"""Consumer keys in Django REST framework: authentication, permission and request limit.

The rules live in ``api.consumers``, shared with the GraphQL endpoint; these classes only
plug them into DRF's request cycle (authenticate, check permissions, count the request).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from api.consumers import (
    WWW_AUTHENTICATE,
    Consumer,
    ConsumerRejected,
    authenticate,
    bearer_token,
    count_consumer_request,
    missing_key,
)


class ConsumerKeyAuthentication(BaseAuthentication):
    """``Authorization: Bearer <key>``: the request's ``auth`` is the ``Consumer``."""

    def authenticate(self, request: Request) -> tuple[AnonymousUser, Consumer] | None:
        try:
            raw_key = bearer_token(request._request)
            if raw_key is None:
                return None
            consumer = authenticate(raw_key)
        except ConsumerRejected as rejected:
            raise AuthenticationFailed(rejected.message, code=rejected.code) from None
        request._request.api_consumer = consumer  # type: ignore[attr-defined]
        return AnonymousUser(), consumer

    def authenticate_header(self, request: Request) -> str:
        return WWW_AUTHENTICATE


class HasConsumerKey(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if isinstance(request.auth, Consumer):
            return True
        raise NotAuthenticated(missing_key().message, code="key_required")


class ConsumerKeyThrottle(BaseThrottle):
    """The key's own limit per minute, counted in the shared cache (``api.consumers``)."""

    retry_after: float | None = None

    def allow_request(self, request: Request, view: Any) -> bool:
        consumer = request.auth
        if not isinstance(consumer, Consumer):
            return True
        try:
            count_consumer_request(consumer)
        except ConsumerRejected as rejected:
            self.retry_after = float(rejected.headers.get("Retry-After", 60))
            return False
        return True

    def wait(self) -> float | None:
        return self.retry_after


class ConsumerKeyScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI document describes the key."""

    target_class = "api.rest.authentication.ConsumerKeyAuthentication"
    name = "consumerKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A consumer key, created by the platform's administrators for one city app, "
                "kiosk or widget, sent as `Authorization: Bearer <key>`."
            ),
        }
