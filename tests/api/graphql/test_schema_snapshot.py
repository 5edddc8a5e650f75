"""The committed SDL is the contract apps are built against: it must match the code."""

from pathlib import Path

from graphql import print_schema

from api.graphql.schema import schema

SDL_FILE = Path(__file__).resolve().parents[3] / "api" / "graphql" / "schema.graphql"
REGENERATE = "make schema"  # the Makefile target runs the same generator as this test


def test_committed_sdl_matches_the_schema_in_code():
    committed = SDL_FILE.read_text(encoding="utf-8")
    current = print_schema(schema.graphql_schema)
    assert committed.rstrip("\n") == current.rstrip("\n"), (
        "api/graphql/schema.graphql differs from the schema in code. If the change to the API "
        f"is intended, regenerate the file with `{REGENERATE}` and commit it with the change."
    )
