"""Empty Wagtail's search index: Wagtail's searches now read the tables (see wagtail_backend).

Nothing writes to wagtailsearch_indexentry any more; its rows, a copy of every page's and
snippet's text, would only take room. Going back to an indexing backend, `manage.py
update_index` fills it again, so the reverse does nothing.
"""

from django.db import migrations


def empty_wagtail_index(apps, schema_editor):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    existing = schema_editor.connection.introspection.table_names()
    # The FTS5 table beside it on SQLite first, in one statement: a trigger would otherwise
    # delete its rows one by one as the entries go.
    for name in (f"{table}_fts", table):
        if name in existing:
            schema_editor.execute(f"DELETE FROM {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(empty_wagtail_index, migrations.RunPython.noop)]
