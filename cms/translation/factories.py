"""Factories for the translation app: the glossary translators follow."""

import factory

from cms.core.factories import ModelFactory

from .models import GlossaryTerm


class GlossaryTermFactory(ModelFactory[GlossaryTerm]):
    """A French entry: the preferred wording of a source term, and a wording to avoid."""

    language_code = "fr"
    source_term = factory.Sequence(lambda n: f"survivor {n}")
    preferred_term = factory.Sequence(lambda n: f"survivante {n}")
    terms_to_avoid = factory.LazyFunction(lambda: ["victime passive"])
    note = "Say who the person is now, not what was done to them."

    class Meta:
        model = GlossaryTerm
