"""An empty database to restore into, of the vendor the suite runs on, and ways to compare."""

import io
import secrets

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, connections
from psycopg import sql


@pytest.fixture
def empty_database(tmp_path):
    """Yield the alias of a new, empty database beside the test database; drop it after.

    On SQLite it is another file; on PostgreSQL a new database on the same server. The alias
    is registered for the test only, so `restore --database` reaches it like any other.
    """
    alias = f"restore_{secrets.token_hex(4)}"
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        settings_dict["NAME"] = f"nashra_{alias}"
        with _server_connection() as server:
            server.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings_dict["NAME"]))
            )
    connections.settings[alias] = settings_dict
    # Django's test case refuses a first connection to an alias outside its `databases`, which
    # are fixed before this fixture runs; connecting here, directly, is the way in.
    connections[alias].connect()
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
        if connection.vendor == "postgresql":
            with _server_connection() as server:
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(settings_dict["NAME"])
                    )
                )


def _server_connection():
    params = dict(connection.get_connection_params(), dbname="postgres")
    return psycopg.connect(**params, autocommit=True)


@pytest.fixture
def restore(settings):
    """Run `restore --yes` into a database alias and a media folder."""

    def run(archive, alias, media_root):
        settings.MEDIA_ROOT = media_root
        call_command("restore", str(archive), "--yes", "--database", alias, stdout=io.StringIO())

    return run
