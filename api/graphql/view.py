"""The public GraphQL endpoint: GraphQL over HTTP, on graphql-core directly.

Follows https://graphql.github.io/graphql-over-http/draft/ (the SHOULDs included):

- POST with an ``application/json`` body ``{query, operationName, variables, extensions}``;
  GET with the same parameters in the URL, for queries only (a CDN may cache them).
- ``application/graphql-response+json`` when the client's Accept header allows it, with that
  media type's status codes (400 for a document that does not parse or validate);
  ``application/json`` otherwise (200 for every well-formed request). No Accept header counts
  as ``application/graphql-response+json``, as the specification says from 2025 on; ``*/*``
  gets ``application/json``, which every client understands.
- Limits (body size, query length, tokens, depth, root fields, aliases, cost, page size) are
  checked before execution; see ``api.graphql.limits``.
- Documents that parsed and validated are kept in a bounded LRU cache keyed by their text.
- An exception that is not a ``GraphQLError`` raised on purpose (``api.graphql.errors``)
  reaches the client as "Internal error" and is logged without request data.
- The database being unreachable (``cms.core.outages``) anywhere, a resolver included, makes
  the whole answer a 503 with ``Retry-After``; answers in the result cache are still served,
  since nothing before the cache lookup queries the database for an anonymous request.

``info.context`` is the Django ``HttpRequest``; ``info.context.api_cache`` is a dict that
lives for the request, for resolvers' per-request caches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.http import parse_header_parameters
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    execute,
    get_operation_ast,
)

from api import edge_cache, result_cache, surrogate
from api.graphql import persisted
from api.graphql.checking import (
    DocumentRefused,
    check_length,
    parse_document,
    validate_document,
)
from api.graphql.consumers import admit_request, check_scope, count_execution
from api.graphql.document_cache import document_cache, etag_for
from api.graphql.execution import SubtreeExecutionContext, never_awaitable
from api.graphql.graphiql import graphiql_response
from api.graphql.limits import QueryLimits
from api.graphql.negotiation import APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, TEXT_HTML, negotiate
from api.graphql.privacy import reader_data
from api.graphql.protocol import (
    INTERNAL_ERROR,
    GraphQLParams,
    RequestRejected,
    format_error,
    graphql_params,
    load_json,
    log_internal_error,
)
from cms.core.outages import (
    DatabaseUnavailable,
    graphql_unavailable,
    is_database_outage,
    note_outage,
)

ALLOWED_METHODS = ("GET", "POST")


# --- The view -------------------------------------------------------------------------------


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLHTTPView(View):
    """GraphQL over HTTP for published content; read-only, so no CSRF and no session."""

    # None serves the project schema; tests may set another graphql-core schema.
    schema: GraphQLSchema | None = None

    def get_schema(self) -> GraphQLSchema:
        if self.schema is not None:
            return self.schema
        from api.graphql.schema import schema

        return schema.graphql_schema

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        offered = [GRAPHQL_RESPONSE_JSON, APPLICATION_JSON]
        if settings.DEBUG and request.method == "GET":
            offered.append(TEXT_HTML)
        media_type = negotiate(request.headers.get("Accept"), offered)
        try:
            if request.method not in ALLOWED_METHODS:
                raise RequestRejected(
                    405,
                    f"The {request.method} method is not allowed: send GraphQL requests with "
                    "GET or POST.",
                    "METHOD_NOT_ALLOWED",
                    {"Allow": ", ".join(ALLOWED_METHODS)},
                )
            if media_type is None:
                raise RequestRejected(
                    406,
                    f"None of the media types in the Accept header is available: accept "
                    f"{GRAPHQL_RESPONSE_JSON} or {APPLICATION_JSON}.",
                    "NOT_ACCEPTABLE",
                )
            # Anonymous, or the key's consumer, counted against its limit (401, 429). An
            # anonymous request is counted only if it executes (``run``).
            admit_request(request)
            if media_type == TEXT_HTML:
                return self.graphiql(request)
            if request.method == "GET":
                params = self.get_params(request)
            else:
                params = self.post_params(request)
            persisted.check_trusted(request, getattr(request, "api_document_id", None))
            response = self.run(request, params, media_type)
        except RequestRejected as rejected:
            response = self.json_response(
                {"errors": [{"message": rejected.message, "extensions": {"code": rejected.code}}]},
                rejected.status,
                media_type if media_type in (GRAPHQL_RESPONSE_JSON, APPLICATION_JSON) else None,
            )
            for name, value in rejected.headers.items():
                response[name] = value
            response["Cache-Control"] = "no-store"
        except Exception as error:
            if is_database_outage(error):
                # The database is down (a key checked, a resolver's query): 503, one log line.
                note_outage("graphql", error)
                response = graphql_unavailable(
                    media_type if media_type in (GRAPHQL_RESPONSE_JSON, APPLICATION_JSON) else None
                )
                patch_vary_headers(response, ("Accept",))
                return response
            log_internal_error(error, "the GraphQL endpoint")
            response = self.json_response(
                {"errors": [INTERNAL_ERROR]},
                500,
                media_type if media_type in (GRAPHQL_RESPONSE_JSON, APPLICATION_JSON) else None,
            )
            response["Cache-Control"] = "no-store"
        patch_vary_headers(response, ("Accept",))
        return response

    # --- Reading the request ----------------------------------------------------------------

    def get_params(self, request: HttpRequest) -> GraphQLParams:
        if len(request.META.get("QUERY_STRING", "")) > settings.API_GRAPHQL_MAX_BODY_BYTES:
            raise RequestRejected(
                414,
                f"The URL is longer than {settings.API_GRAPHQL_MAX_BODY_BYTES} bytes: send "
                "long queries with POST.",
                "URI_TOO_LONG",
            )
        data: dict[str, Any] = {
            name: request.GET.get(name)
            for name in ("query", "documentId", "operationName", "variables", "extensions")
            if name in request.GET
        }
        for name in ("variables", "extensions"):
            if data.get(name):
                data[name] = load_json(data[name], f"'{name}' parameter")
            else:
                data[name] = None
        return graphql_params(persisted.resolve(request, data))

    def post_params(self, request: HttpRequest) -> GraphQLParams:
        try:
            content_type, content_params = parse_header_parameters(
                request.META.get("CONTENT_TYPE", "")
            )
        except ValueError:
            content_type, content_params = "", {}
        charset = content_params.get("charset", "utf-8").lower()
        if content_type != APPLICATION_JSON or charset not in ("utf-8", "utf8"):
            raise RequestRejected(
                415,
                "Send the request body as application/json (UTF-8), not "
                f"{content_type or 'without a Content-Type'}.",
                "UNSUPPORTED_MEDIA_TYPE",
            )
        limit = settings.API_GRAPHQL_MAX_BODY_BYTES
        try:
            declared_length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise RequestRejected(400, "The Content-Length header is not a number.") from None
        if declared_length > limit:
            raise self.body_too_large(declared_length, limit)
        body = request.read(limit + 1)
        if len(body) > limit:
            raise self.body_too_large(len(body), limit)
        if not body:
            raise RequestRejected(400, "The request body is empty: send a JSON object.")
        return graphql_params(persisted.resolve(request, load_json(body, "request body")))

    @staticmethod
    def body_too_large(size: int, limit: int) -> RequestRejected:
        return RequestRejected(
            413,
            f"The request body of {size} bytes exceeds the limit of {limit} bytes.",
            "PAYLOAD_TOO_LARGE",
        )

    # --- Running the document ---------------------------------------------------------------

    def run(self, request: HttpRequest, params: GraphQLParams, media_type: str) -> HttpResponse:
        """Parse (or reuse), check, validate and execute; answer with the spec's status codes."""
        request_error_status = 400 if media_type == GRAPHQL_RESPONSE_JSON else 200
        schema = self.get_schema()
        limits = QueryLimits.from_settings()
        cache_key = (schema, limits, params.query)
        try:
            check_length(params.query)
            cached = document_cache.get(cache_key)
            if cached is None:
                document = parse_document(params.query)
                self.check_method(request, document, params)
                validate_document(schema, document, limits)
        except DocumentRefused as refused:
            return self.request_errors_response(
                refused.errors, request_error_status, media_type, refused.code
            )
        if cached is None:
            reader = reader_data(schema, document)
            if not reader.in_text:
                # Query text holding a position or search text never becomes a cache key.
                document_cache.put(
                    cache_key,
                    (document, reader),
                    size=len(params.query),
                    max_size=settings.API_GRAPHQL_DOCUMENT_CACHE_CHARS,
                )
        else:
            document, reader = cached
            self.check_method(request, document, params)
        private = reader.is_private(params.variables)
        if request.method == "GET" and reader.has_position(params.variables):
            raise RequestRejected(
                400,
                "This query carries a position: send it with POST, in a JSON body. A URL "
                "ends up in logs and shared caches, and a reader's position must not.",
                "POST_REQUIRED",
            )
        if request.method == "GET" and reader.post_only:
            raise RequestRejected(
                400,
                "This query carries a preview token: send it with POST, in a JSON body. A URL "
                "ends up in logs and shared caches, and a token opens a draft for an hour.",
                "POST_REQUIRED",
            )
        # A key's cities and languages (403), checked before the response cache is read.
        check_scope(request, schema, document, params.variables, params.operation_name)

        response_key = None
        since = None
        if result_cache.enabled() and not private:
            response_key = result_cache.response_key(
                params.query, params.variables, params.operation_name, media_type
            )
            answer = result_cache.get(response_key, request.headers.get("Accept-Encoding", ""))
            if answer is not None:
                response = answer.response(f"{media_type}; charset=utf-8")
                return self.cacheable(request, response, successful=True, keys=answer.keys)
            since = result_cache.generation()

        # Only work that executes counts against the anonymous budget (429).
        count_execution(request)
        request.api_cache = {}  # type: ignore[attr-defined]
        request.api_query_text = params.query  # type: ignore[attr-defined]
        # An answer about this reader, or a draft: none of it is kept, not even in part.
        request.api_private = private  # type: ignore[attr-defined]
        with surrogate.recording() as keys:
            result = execute(
                schema,
                document,
                context_value=request,
                variable_values=params.variables,
                operation_name=params.operation_name,
                execution_context_class=SubtreeExecutionContext,
                is_awaitable=never_awaitable,
            )
        if not isinstance(result, ExecutionResult):
            # An async resolver: this endpoint is synchronous. A bug, not a client error.
            getattr(result, "close", lambda: None)()
            raise RuntimeError("A resolver returned an awaitable.")
        for result_error in result.errors or ():
            if is_database_outage(result_error.original_error):
                # Part of the answer is missing because the database is down: the whole answer
                # is a 503, never a 200 with holes.
                raise DatabaseUnavailable("A resolver could not reach the database.") from (
                    result_error.original_error
                )
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            # The operation could not be determined or the variables could not be coerced:
            # a request error, answered without "data".
            return self.request_errors_response(result.errors, request_error_status, media_type)
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [format_error(error) for error in result.errors]
        response = self.json_response(payload, 200, media_type)
        if response_key is not None and not result.errors:
            result_cache.put(response_key, response.content, keys, since)
        if private:
            # About this reader, or a draft: no cache keeps it, the browser's included.
            response["Cache-Control"] = "private, no-store"
            return response
        return self.cacheable(request, response, successful=not result.errors, keys=keys)

    @staticmethod
    def check_method(request: HttpRequest, document: DocumentNode, params: GraphQLParams) -> None:
        """A GET must not run a mutation (GraphQL over HTTP: 405, before validation)."""
        if request.method != "GET":
            return
        operation = get_operation_ast(document, params.operation_name)
        if operation is not None and operation.operation is not OperationType.QUERY:
            raise RequestRejected(
                405,
                f"A {operation.operation.value} cannot be sent with GET. This API is "
                "read-only: it serves queries only.",
                "METHOD_NOT_ALLOWED",
                {"Allow": "POST"},
            )

    # --- Responses --------------------------------------------------------------------------

    def request_errors_response(
        self,
        errors: Iterable[GraphQLError],
        status: int,
        media_type: str,
        default_code: str | None = None,
    ) -> HttpResponse:
        payload = {"errors": [format_error(error, default_code) for error in errors]}
        response = self.json_response(payload, status, media_type)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def json_response(payload: dict[str, Any], status: int, media_type: str | None) -> HttpResponse:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return HttpResponse(
            body.encode("utf-8"),
            status=status,
            content_type=f"{media_type or APPLICATION_JSON}; charset=utf-8",
        )

    @staticmethod
    def cacheable(
        request: HttpRequest,
        response: HttpResponse,
        *,
        successful: bool,
        keys: Iterable[str] = (),
    ) -> HttpResponse:
        """GET results without errors may be cached by anyone (named by what they read)."""
        if request.method != "GET":
            response["Cache-Control"] = "private, no-store"
            return response
        if not successful:
            response["Cache-Control"] = "no-store"
            return response
        response["Cache-Control"] = f"public, max-age={settings.API_GRAPHQL_CACHE_MAX_AGE}"
        response["ETag"] = etag_for(response.content)
        if keys:
            response["Surrogate-Key"] = surrogate.header_value(keys)
            response["Cache-Tag"] = surrogate.header_value(keys, separator=",")
            edge_cache.remember(request, keys)
        patch_vary_headers(response, ("Accept",))
        return (
            get_conditional_response(request, etag=response["ETag"], response=response) or response
        )

    @staticmethod
    def graphiql(request: HttpRequest) -> HttpResponse:
        """GraphiQL, in development only, from this app's own static files (no CDN)."""
        return graphiql_response(request)
