"""The limits of /api/graphql/, each checked before anything executes (api/graphql/limits/);
read into every settings module through ``base.py``."""

API_GRAPHQL_MAX_BODY_BYTES = 64 * 1024  # POST body (413) and GET query string (414)
API_GRAPHQL_MAX_QUERY_LENGTH = 20_000  # characters of query text
# Lexical tokens (and, separately, comments) of query text. graphql-core builds the tree as it
# reads, about 10 µs a token: 1,000 keeps the parse of any refused document under 20 ms; the
# largest query the apps send (one toolbox with every block) is about 120 tokens.
API_GRAPHQL_MAX_TOKENS = 1_000
API_GRAPHQL_MAX_DEPTH = 10  # nested field levels, fragments followed
API_GRAPHQL_MAX_ROOT_FIELDS = 10  # root fields per operation
API_GRAPHQL_MAX_ALIASES = 30  # aliases per operation, fragments counted per spread
# Times one response name is selected in one selection set, its fragments' fields included.
API_GRAPHQL_MAX_REPEATED_FIELDS = 30
# Estimated fields resolved: 1 per field, times the page size (first/last) or the expected
# length of every enclosing list; of "... on SomeBlock" fragments only the costliest counts.
# One toolbox with every field of every module and block is about 550,000; lists of toolboxes
# with their modules and bodies are far above.
API_GRAPHQL_MAX_COST = 1_000_000
API_GRAPHQL_DEFAULT_LIST_SIZE = 20  # expected length of a list that takes no page size
# Expected lengths of particular lists ("TypeName.fieldName", GraphQL names): the long ones.
API_GRAPHQL_LIST_SIZES = {"Toolbox.modules": 100, "Toolbox.body": 50, "Module.body": 50}
# Introspection (__schema, __type) is on when DEBUG; in production only with this setting.
API_GRAPHQL_INTROSPECTION = False
API_GRAPHQL_CACHE_MAX_AGE = 60  # seconds; Cache-Control of successful GET responses
# Parsed and validated documents kept per process, by total characters of query text (a
# parsed document takes about 100 bytes per character: 500,000 is about 50 MB at most).
API_GRAPHQL_DOCUMENT_CACHE_CHARS = 500_000
# Completed subtrees of listings and helplines kept per process (api/graphql/execution.py),
# by number: after a publication only the objects that changed are executed again. A listing's
# subtree is a few kilobytes: 20,000 is some tens of megabytes at most. 0 turns it off.
API_GRAPHQL_SUBTREE_CACHE_ENTRIES = 20_000
