"""Types shared by every domain: locales and the fields of translatable objects."""

import graphene


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


class Translatable(graphene.Interface):
    """An object that exists in several languages, one row per language."""

    locale = graphene.String(required=True, description="Language code of this object.")
    translation_key = graphene.UUID(
        required=True, description="The same for every language version of this object."
    )
    is_fallback = graphene.Boolean(
        required=True,
        description=(
            "True when the requested locale has no live version and this is the default "
            "(source) language version instead."
        ),
    )
