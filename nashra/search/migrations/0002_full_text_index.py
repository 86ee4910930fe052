"""The full-text index beside SearchEntry, in each database's own engine."""

from django.db import migrations

SQLITE_CREATE = [
    # Terms arrive folded and stemmed by Python, so the plain unicode61 tokenizer (no diacritic
    # removal, no stemming of its own) must leave them as they are. `filters` holds tokens for
    # the edition, the type of work and every enclosing section, so that matching, filtering,
    # counting and ranking all happen inside the index without reading another table.
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, lead, tags, body, filters, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_CREATE = [
    # `document` (every term) is what a query matches; `headline` (headline, lead and topics:
    # small enough to stay in the row) finds and ranks the first tier of results, so ranking
    # never unpacks article bodies. Both carry the filter tokens (edition, type, sections).
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE search_searchentry ADD COLUMN headline tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_document_gin ON search_searchentry USING gin (document)",
    "CREATE INDEX search_headline_gin ON search_searchentry USING gin (headline)",
    # With statistics, the planner sees that a common word matches a third of the archive and
    # scans the table, unpacking every article's vector (300 ms at 100,000 articles); through
    # the GIN index the same query takes 20-40 ms, and rare words far less. Without statistics
    # it assumes a match is selective and always takes the index, which is what we want.
    "ALTER TABLE search_searchentry ALTER COLUMN document SET STATISTICS 0",
    "ALTER TABLE search_searchentry ALTER COLUMN headline SET STATISTICS 0",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_headline_gin",
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS headline",
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
