"""Errors a client may see. Anything else is reported as an internal error, never in detail."""

from graphql import GraphQLError

from api.public import InvalidArgument


class BadInput(GraphQLError):
    """A bad argument: the message says what is wrong and how to fix it."""

    def __init__(self, message: str, argument: str | None = None):
        extensions: dict[str, str] = {"code": "BAD_USER_INPUT"}
        if argument:
            extensions["argument"] = argument
        super().__init__(message, extensions=extensions)


def bad_input(error: InvalidArgument) -> BadInput:
    """The client-facing form of an argument a public helper refused."""
    return BadInput(str(error), error.argument)
