"""The full-text index beside SearchEntry, in each database's own engine."""

from django.db import migrations

SQLITE_CREATE = [
    # The columns hold terms already folded and stemmed in Python, so the plain unicode61
    # tokenizer (no diacritic removal, no stemming of its own) must leave them as they are.
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, lead, tags, body, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_CREATE = [
    # 'simple' only splits and lower-cases: stemming was done in Python, identically to SQLite.
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, tag_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, lead_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED",
    "CREATE INDEX search_document_gin ON search_searchentry USING gin (document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
