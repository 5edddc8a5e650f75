"""``POST /api/v1/graphql/documents``: an app registers the GraphQL documents it will send by
id (``api.graphql.persisted``). All of them are checked as the endpoint would check them and
kept, or none is; registering a document again changes nothing."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.graphql import persisted
from api.rest.base import ApiView
from api.rest.hsds import ERRORS


class DocumentsSerializer(serializers.Serializer):
    documents = serializers.ListField(
        child=serializers.CharField(trim_whitespace=False),
        help_text=f"The documents' texts, at most {persisted.MAX_DOCUMENTS_PER_REQUEST}.",
    )


class RegisteredSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.CharField(),
        help_text="Each document's id (sha256:...), in the order sent: send it as documentId.",
    )


class GraphQLDocumentsView(ApiView):
    @extend_schema(
        operation_id="graphql_documents_register",
        summary="Register GraphQL documents (persisted documents)",
        description=(
            "Checks each document as the GraphQL endpoint would (parse, limits, schema) and "
            "keeps them for this key, all or none. Then send `documentId` instead of `query`; "
            "a GET by id is short and stable, for a CDN to keep."
        ),
        tags=["GraphQL"],
        request=DocumentsSerializer,
        responses={200: RegisteredSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        texts = request.data.get("documents") if isinstance(request.data, dict) else None
        try:
            ids = persisted.register(request.auth.pk, texts)
        except ValueError as error:
            raise serializers.ValidationError({"documents": [str(error)]}) from None
        return Response({"ids": ids}, status=status.HTTP_200_OK)
