"""Consumer keys on the GraphQL endpoint.

Anonymous reads are served under ``API_ANONYMOUS_REQUESTS_PER_MINUTE``, shared by every
anonymous client; a request with a key under the key's own limit. A wrong or revoked key is
refused (401) even though the request would be served without one: a client that means to
send a key must learn that it doesn't work.

What a key's scope checks, on the operation that runs (variables and their defaults read):

- the ``locale`` argument of every root field that takes one (the default language when
  absent) must be one of the key's languages;
- the ``city`` argument of ``safeSpaces`` and ``helplines`` and the ``slug`` of ``city``
  must name one of the key's cities; a key limited to some cities must pass ``city`` to
  ``safeSpaces`` and ``helplines``.

Other fields are not limited by city: ``safeSpace(id)``, ``search``, ``cities``, the
toolboxes and pages (published content for everyone); the HSDS export is the place for
city-scoped bulk reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    get_operation_ast,
    value_from_ast_untyped,
)

from api import edge_cache
from api.consumers import (
    Consumer,
    ConsumerRejected,
    admit,
    check_city,
    check_locale,
    count_anonymous_execution,
    require_city,
)
from api.locales import UnknownLocale, requested_codes
from cms.core.models import City

# Root fields whose `city` argument names a city, and whether a limited key must give it.
CITY_ARGUMENTS = {"safeSpaces": "city", "helplines": "city", "city": "slug", "sync": "city"}
CITY_REQUIRED = {"safeSpaces", "helplines", "sync"}


def _rejected(error: ConsumerRejected) -> Exception:
    """The endpoint's own form of a refusal (the GraphQL error shape, its status code)."""
    from api.graphql.protocol import RequestRejected

    return RequestRejected(error.status, error.message, error.code.upper(), error.headers)


def admit_request(request: HttpRequest) -> Consumer | None:
    """The request's consumer (None when anonymous), a key's request counted; or a
    RequestRejected."""
    try:
        return admit(request, anonymous=True)
    except ConsumerRejected as error:
        raise _rejected(error) from None


def count_execution(request: HttpRequest) -> None:
    """Before executing: an anonymous request is counted against the shared anonymous budget
    (a key's requests were counted on admission); or a RequestRejected (429). An edge
    cache's refresh (``api.edge_cache.is_refresh``) is not counted."""
    if getattr(request, "api_consumer", None) is not None or edge_cache.is_refresh(request):
        return
    try:
        count_anonymous_execution()
    except ConsumerRejected as error:
        raise _rejected(error) from None


def _root_fields(
    document: DocumentNode, operation_name: str | None
) -> Iterator[tuple[FieldNode, OperationDefinitionNode]]:
    """The root fields of the operation that runs (of every operation when it is ambiguous:
    execution then fails anyway), through fragments, each fragment once."""
    operation = get_operation_ast(document, operation_name)
    operations = (
        [operation]
        if operation is not None
        else [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    )
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    for op in operations:
        for field in _fields(op.selection_set, fragments, set()):
            yield field, op


def _fields(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    seen: set[str],
) -> Iterator[FieldNode]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                seen.add(name)
                yield from _fields(fragments[name].selection_set, fragments, seen)


def _argument(
    field: FieldNode, name: str, operation: OperationDefinitionNode, variables: dict | None
) -> Any:
    for argument in field.arguments or ():
        if argument.name.value != name:
            continue
        value = argument.value
        if isinstance(value, StringValueNode):
            return value.value
        if isinstance(value, NullValueNode):
            return None
        if isinstance(value, VariableNode):
            variable = value.name.value
            if variables and variable in variables:
                return variables[variable]
            for definition in operation.variable_definitions or ():
                if definition.variable.name.value == variable and definition.default_value:
                    return value_from_ast_untyped(definition.default_value)
            return None
        return None
    return None


def check_scope(
    request: HttpRequest,
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> None:
    """Refuse (403) an operation that reads outside the key's cities or languages."""
    consumer: Consumer | None = getattr(request, "api_consumer", None)
    if consumer is None or (consumer.all_cities and consumer.all_locales):
        return
    query_type = schema.query_type
    slugs: dict[str, str] = {}
    try:
        for field, operation in _root_fields(document, operation_name):
            name = field.name.value
            definition = query_type.fields.get(name) if query_type else None
            if definition is None:
                continue
            if "locale" in definition.args:
                code = _argument(field, "locale", operation, variables)
                try:
                    requested, _ = requested_codes(code if isinstance(code, str) else None)
                except UnknownLocale:
                    continue  # the resolver answers with its own error
                check_locale(consumer, requested)
            argument = CITY_ARGUMENTS.get(name)
            if argument is None or consumer.all_cities:
                continue
            slug = _argument(field, argument, operation, variables)
            if isinstance(slug, str) and slug.strip():
                slugs[slug.strip()] = argument
            elif name in CITY_REQUIRED:
                require_city(consumer, argument)
        if slugs:
            _check_city_slugs(consumer, slugs)
    except ConsumerRejected as error:
        raise _rejected(error) from None


def _check_city_slugs(consumer: Consumer, slugs: dict[str, str]) -> None:
    """One query for every slug; an unknown slug is left to the resolver's own error."""
    keys_by_slug: dict[str, set[Any]] = {}
    for slug, key in City.objects.filter(slug__in=list(slugs)).values_list(
        "slug", "translation_key"
    ):
        keys_by_slug.setdefault(slug, set()).add(key)
    for slug, keys in keys_by_slug.items():
        check_city(consumer, keys, slug)
