"""Snapshots of a database and a media folder, to compare a restore with its original."""

import hashlib


def database_rows(target):
    """Return {table: rows ordered by primary key} for every table, found by introspection."""
    contents = {}
    quote = target.ops.quote_name
    with target.cursor() as cursor:
        tables = target.introspection.table_names(cursor)
        if target.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            tables += [row[0] for row in cursor.fetchall()]
        for table in sorted(tables):
            columns = target.introspection.get_primary_key_columns(cursor, table)
            if not columns:
                # No primary key (SQLite's full-text tables): order by every column.
                columns = [
                    c.name for c in target.introspection.get_table_description(cursor, table)
                ]
            order = ", ".join(quote(column) for column in columns)
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order}")
            contents[table] = [tuple(_plain(value) for value in row) for row in cursor.fetchall()]
    return contents


def database_schema(target):
    """Return the indexes, constraints and sequence positions that rows alone do not show."""
    with target.cursor() as cursor:
        if target.vendor == "sqlite":
            cursor.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            )
            return cursor.fetchall()
        cursor.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = 'public' ORDER BY indexname"
        )
        # A partial index's WHERE clause comes back from a restore spelt differently (the
        # casts move) though it means the same: compare what it indexes and that it has one.
        indexes = [
            (table, name, *definition.partition(" WHERE ")[:2])
            for table, name, definition in cursor.fetchall()
        ]
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences"
            " WHERE schemaname = 'public' ORDER BY 1"
        )
        return indexes, constraints, cursor.fetchall()


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def media_checksums(root):
    """Return {relative path: SHA-256} of every file under root."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
