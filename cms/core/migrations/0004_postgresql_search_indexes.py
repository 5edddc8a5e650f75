"""Two PostgreSQL indexes for Wagtail's database search backend, at the scale of the API.

- The backend matches ``(title || body) @@ query``; the GIN indexes Wagtail ships cover
  ``title`` and ``body`` separately, so without an index on the concatenation every search
  reads the whole index table.
- It joins each hit to its row on ``object_id = id::varchar(50)``; an index on that expression
  lets PostgreSQL fetch the few hits' listings instead of scanning every safe space.

SQLite searches through its FTS5 table and needs neither.
"""

from django.db import migrations

INDEXES = (
    (
        "search_entry_title_body_idx",
        "CREATE INDEX IF NOT EXISTS search_entry_title_body_idx "
        "ON wagtailsearch_indexentry USING gin ((title || body))",
    ),
    (
        "safe_space_search_object_id_idx",
        "CREATE INDEX IF NOT EXISTS safe_space_search_object_id_idx "
        "ON safe_spaces_safespace (((id::varchar(50))::text))",
    ),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_content_locales"),
        ("safe_spaces", "0002_public_api_indexes"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
