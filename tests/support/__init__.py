"""What the tests share: one GraphQL client (``tests.support.graphql``), admin form helpers
(``tests.support.admin``) and a look into the test cache (``tests.support.cache``)."""
