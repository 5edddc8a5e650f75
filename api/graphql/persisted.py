"""Persisted (trusted) documents: apps register their GraphQL documents before release and
then send only their ids.

A document's id is ``sha256:`` and the hex SHA-256 digest of its UTF-8 text, as in the
GraphQL-over-HTTP persisted documents appendix. A request names it with ``documentId`` (a URL
parameter for GET, a body field for POST) instead of ``query``; a GET by id is short and
stable, so a CDN keeps it. Registration (``POST /api/v1/graphql/documents``, with a consumer
key) runs the endpoint's own checks on every document and keeps all of them or none.

With ``API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY`` a request with a key may run only documents that
key registered, by id; anonymous requests (the public, read-only case) are not held to it.

Ids are content hashes, so a text found for an id never changes: each process keeps the texts
it has read (bounded by ``API_GRAPHQL_DOCUMENT_CACHE_CHARS``, like parsed documents).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from graphql import GraphQLError

from api.graphql.checking import DocumentRefused, check_length, parse_document, validate_document
from api.graphql.document_cache import DocumentCache
from api.graphql.limits import QueryLimits
from api.graphql.protocol import RequestRejected
from api.models import PersistedDocument

DOCUMENT_ID = re.compile(r"^sha256:[0-9a-f]{64}$")
MAX_DOCUMENTS_PER_REQUEST = 100
_texts: DocumentCache[str] = DocumentCache()


def document_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def resolve(request: HttpRequest, data: Any) -> Any:
    """Request parameters with ``documentId`` replaced by the document's text (the same
    parameters when there is none), the id kept on the request (``api_document_id``); an
    unknown or malformed id is a RequestRejected."""
    if not isinstance(data, dict) or "documentId" not in data:
        return data
    if data.get("query") is not None:
        raise RequestRejected(400, "Send either 'query' or 'documentId', not both.", "BAD_REQUEST")
    given = data["documentId"]
    if not isinstance(given, str) or not DOCUMENT_ID.match(given):
        raise RequestRejected(
            400,
            "'documentId' must be 'sha256:' followed by the 64 lowercase hex digits of the "
            "SHA-256 digest of the document's UTF-8 text.",
            "BAD_REQUEST",
        )
    text = _text_of(given)
    if text is None:
        raise RequestRejected(
            400,
            f"No document is registered with the id {given}: register it with "
            "POST /api/v1/graphql/documents, or send its text as 'query'.",
            "PERSISTED_QUERY_NOT_FOUND",
        )
    request.api_document_id = given  # type: ignore[attr-defined]
    return {**{name: value for name, value in data.items() if name != "documentId"}, "query": text}


def _text_of(given: str) -> str | None:
    text = _texts.get((given,))
    if text is None:
        text = (
            PersistedDocument.objects.filter(document_id=given)
            .values_list("text", flat=True)
            .first()
        )
        if text is not None:
            _texts.put(
                (given,), text, size=len(text), max_size=settings.API_GRAPHQL_DOCUMENT_CACHE_CHARS
            )
    return text


def check_trusted(request: HttpRequest, given_id: str | None) -> None:
    """With ``API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY``, a key's request runs only a document that
    key registered, named by id (403 otherwise)."""
    consumer = getattr(request, "api_consumer", None)
    if not settings.API_GRAPHQL_TRUSTED_DOCUMENTS_ONLY or consumer is None:
        return
    registered = given_id is not None and (
        PersistedDocument.objects.filter(document_id=given_id, registered_by=consumer.pk).exists()
    )
    if not registered:
        raise RequestRejected(
            403,
            "This key may run only the documents it registered, by 'documentId': register "
            "this document with POST /api/v1/graphql/documents.",
            "TRUSTED_DOCUMENTS_ONLY",
        )


def register(key_pk: int, texts: Any) -> list[str]:
    """Check every document as the endpoint would and keep them all for ``key``, or none:
    a ``ValueError`` names the first document refused and why."""
    from api.graphql.schema import schema

    if not isinstance(texts, list) or not texts:
        raise ValueError("'documents' must be a non-empty list of document texts.")
    if len(texts) > MAX_DOCUMENTS_PER_REQUEST:
        raise ValueError(
            f"At most {MAX_DOCUMENTS_PER_REQUEST} documents per request; {len(texts)} sent."
        )
    limits = QueryLimits.from_settings()
    for index, text in enumerate(texts):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"Document {index}: a document is a non-empty string.")
        try:
            check_length(text)
            validate_document(schema.graphql_schema, parse_document(text), limits)
        except DocumentRefused as refused:
            raise ValueError(f"Document {index}: {_messages(refused.errors)}") from None
        except RequestRejected as rejected:
            raise ValueError(f"Document {index}: {rejected.message}") from None
    ids = [document_id(text) for text in texts]
    with transaction.atomic():
        for given, text in zip(ids, texts, strict=True):
            document, _ = PersistedDocument.objects.get_or_create(
                document_id=given, defaults={"text": text}
            )
            document.registered_by.add(key_pk)
    return ids


def _messages(errors: list[GraphQLError]) -> str:
    return " ".join(error.message for error in errors[:3])
