"""Types shared by every domain: locales and the fields of translatable objects."""

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from api.public.translations import translation_of

FALLBACK_DESCRIPTION = (
    "True when the requested locale has no live version and this is the default "
    "(source) language version instead."
)


class Direction(graphene.Enum):
    LTR = "LTR"
    RTL = "RTL"


class LocaleType(graphene.ObjectType):
    class Meta:
        name = "Locale"

    code = graphene.String(required=True, description="Language code, e.g. en, fr, ar.")
    name = graphene.String(required=True, description="English name of the language.")
    native_name = graphene.String(required=True, description="Name in the language itself.")
    direction = graphene.Field(Direction, required=True)
    is_default = graphene.Boolean(required=True, description="The source language.")


class TranslationType(graphene.ObjectType):
    """How a translated object relates to its source, so an app can say "this translation may
    be out of date"."""

    class Meta:
        name = "Translation"

    source_locale = graphene.String(required=True, description="Language it was translated from.")
    translated_at = graphene.DateTime(description="When the served translation was written.")
    is_stale = graphene.Boolean(
        required=True,
        description=(
            "True when the source changed after this translation: a reviewed translation is "
            "still served, and an update may be waiting for its language review."
        ),
    )


class Translatable(graphene.Interface):
    """An object that exists in several languages, one row per language."""

    locale = graphene.String(required=True, description="Language code of this object.")
    translation_key = graphene.UUID(
        required=True, description="The same for every language version of this object."
    )
    is_fallback = graphene.Boolean(required=True, description=FALLBACK_DESCRIPTION)
    available_locales = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Language codes this object is published in.",
    )
    translation = graphene.Field(
        TranslationType, description="Null for a source-language object; set for a translation."
    )


class TranslatableFields:
    """Resolvers of the ``Translatable`` interface for objects from ``api.public`` helpers."""

    @staticmethod
    def resolve_locale(obj: Any, info: GraphQLResolveInfo) -> str:
        return obj.locale.language_code

    @staticmethod
    def resolve_translation_key(obj: Any, info: GraphQLResolveInfo) -> Any:
        return obj.translation_key

    @staticmethod
    def resolve_is_fallback(obj: Any, info: GraphQLResolveInfo) -> bool:
        return bool(getattr(obj, "is_fallback", False))

    @staticmethod
    def resolve_available_locales(obj: Any, info: GraphQLResolveInfo) -> list[str]:
        return list(translation_of(obj).available_locales)

    @staticmethod
    def resolve_translation(obj: Any, info: GraphQLResolveInfo) -> Any:
        return translation_of(obj).translation


class ServedLanguage:
    """``locale`` and ``isFallback`` of an object whose texts a client shows inside another
    object (a term, a partner, a city): the language of those texts, so that a fallback can be
    marked with its own language and direction. Read from the served row: no query."""

    locale = graphene.String(required=True, description="Language code of the texts.")
    is_fallback = graphene.Boolean(required=True, description=FALLBACK_DESCRIPTION)

    @staticmethod
    def resolve_locale(obj: Any, info: GraphQLResolveInfo) -> str:
        locale = obj["locale"] if isinstance(obj, dict) else obj.locale
        return locale if isinstance(locale, str) else locale.language_code

    @staticmethod
    def resolve_is_fallback(obj: Any, info: GraphQLResolveInfo) -> bool:
        if isinstance(obj, dict):
            return bool(obj["is_fallback"])
        return bool(getattr(obj, "is_fallback", False))


class VocabularyTermType(ServedLanguage, graphene.ObjectType):
    """A term of a managed vocabulary: a stable code for filters, a name for readers."""

    class Meta:
        name = "VocabularyTerm"

    code = graphene.String(required=True, description="Stable code, the same in every language.")
    name = graphene.String(required=True, description="In the requested language when translated.")
