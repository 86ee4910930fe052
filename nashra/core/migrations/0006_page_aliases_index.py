"""An index of the pages that are aliases of another, for Wagtail's lookup on every publish.

Publishing a page asks for its aliases (``Page.update_aliases``). Nearly every page has no
``alias_of``, so SQLite's statistics make Wagtail's own index on it look useless, and it reads
the whole page tree instead (about 120 ms at 100,000 articles, on every publish). An index of
only the pages that are aliases is small, and chosen. PostgreSQL already plans well; the
index costs it nothing.
"""

from django.db import migrations

INDEX = "nashra_page_aliases"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_edition_settings_revisions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (alias_of_id) "
            "WHERE alias_of_id IS NOT NULL",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
