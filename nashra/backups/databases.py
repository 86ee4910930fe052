"""Dumping and restoring the database, in each vendor's own way.

SQLite goes through its online backup API: a consistent copy while the site keeps writing
(in WAL mode readers do not block writers). PostgreSQL goes through pg_dump's custom format and
pg_restore in a single transaction, so a restore that fails leaves nothing behind.
"""

import os
import shutil
import sqlite3
import subprocess
import time

from django.db import DatabaseError
from django.utils.translation import gettext as _
from psycopg.conninfo import make_conninfo

from .archive import BackupError

SQLITE_BUSY_TIMEOUT = 120
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DUMP_FILE_NAMES = {"sqlite": "nashra.sqlite3", "postgresql": "nashra.pgdump"}
# libpq reads these from the environment: the password never appears on a command line.
PG_OPTION_VARIABLES = {
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def vendor_name(vendor):
    return VENDOR_NAMES.get(vendor, vendor)


def check_supported(connection):
    if connection.vendor not in VENDOR_NAMES:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )


def database_label(connection):
    """Return how the operator knows this database: its file or its name."""
    return str(connection.settings_dict["NAME"])


def dump_database(connection, path):
    """Write a dump of the database to path; return what the manifest says about it."""
    check_supported(connection)
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # SQLite cannot copy a database whose own connection holds a write transaction.
            raise BackupError(_("A backup cannot be made from inside a database transaction."))
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target, progress=_give_up_when_stuck())
            # One self-contained file, whatever journal mode the live database uses.
            target.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as error:
            raise BackupError(
                _("SQLite could not back up %(name)s: %(error)s.")
                % {"name": database_label(connection), "error": error}
            ) from error
        finally:
            target.close()
        return {"dump": "sqlite3 backup API", "server_version": sqlite3.sqlite_version}
    _run_pg(connection, "pg_dump", ["--format=custom", "--file", str(path)], dbname=False)
    return {
        "dump": "pg_dump --format=custom",
        "server_version": _pg_server_version(connection),
        "client_version": _pg_tool_version("pg_dump"),
    }


def restore_database(connection, path):
    """Load a dump into the (empty) database, all or nothing."""
    check_supported(connection)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            # The copy is one write transaction on the target: it lands whole or not at all.
            source.backup(connection.connection, progress=_give_up_when_stuck())
        except sqlite3.Error as error:
            raise BackupError(
                _("SQLite could not restore into %(name)s: %(error)s.")
                % {"name": database_label(connection), "error": error}
            ) from error
        finally:
            source.close()
        return
    _run_pg(
        connection,
        "pg_restore",
        ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", str(path)],
        dbname=True,
    )


def database_objects(connection):
    """Return the names of the tables, views and sequences the database holds."""
    check_supported(connection)
    try:
        return _database_objects(connection)
    except DatabaseError as error:
        raise BackupError(
            _(
                "Cannot open the database %(name)s: %(error)s. It must exist and be empty (for"
                " SQLite, its folder must exist)."
            )
            % {"name": database_label(connection), "error": str(error).strip()}
        ) from error


def _database_objects(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        else:
            # Objects that belong to an extension (PostGIS's spatial_ref_sys) are not ours.
            cursor.execute(
                """
                SELECT n.nspname || '.' || c.relname
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%%' AND n.nspname NOT LIKE 'pg\\_temp%%'
                  AND NOT EXISTS (
                    SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype = 'e'
                  )
                ORDER BY 1
                """
            )
        return [row[0] for row in cursor.fetchall()]


def _give_up_when_stuck(seconds=SQLITE_BUSY_TIMEOUT):
    """Return a progress callback that stops a copy kept waiting on a lock for too long.

    Python's backup() retries a busy or locked database forever; a nightly backup that never
    ends would hide that no backup is being made.
    """
    waiting_since = None

    def progress(status, remaining, total):
        nonlocal waiting_since
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            waiting_since = None
        elif waiting_since is None:
            waiting_since = time.monotonic()
        elif time.monotonic() - waiting_since > seconds:
            raise BackupError(
                _("The SQLite database stayed locked for %(seconds)d seconds; gave up.")
                % {"seconds": seconds}
            )

    return progress


def _run_pg(connection, program, arguments, *, dbname):
    settings_dict = connection.settings_dict
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            _(
                "%(program)s was not found. Install the PostgreSQL client of the server's"
                " major version (on Debian: postgresql-client-%(major)s)."
            )
            % {"program": program, "major": _pg_server_major(connection)}
        )
    env = dict(os.environ, **_pg_environment(settings_dict))
    command = [executable, "--no-password"]
    if dbname:
        # pg_restore only restores into a database named with --dbname; the name is no secret.
        name = settings_dict.get("NAME")
        service = settings_dict.get("OPTIONS", {}).get("service")
        command += [
            "--dbname",
            make_conninfo(dbname=name) if name else make_conninfo(service=service),
        ]
    result = subprocess.run(  # noqa: S603 - a fixed program and our own arguments
        command + arguments, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed (exit status %(status)d): %(error)s")
            % {
                "program": program,
                "status": result.returncode,
                "error": result.stderr.strip()[-2000:] or _("no message"),
            }
        )


def _pg_environment(settings_dict):
    env = {}
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS", {})
    for option, variable in PG_OPTION_VARIABLES.items():
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _pg_server_version(connection):
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _pg_server_major(connection):
    try:
        return _pg_server_version(connection).split(".")[0]
    except DatabaseError:  # the hint in an error message must not raise one of its own
        return "NN"


def _pg_tool_version(program):
    result = subprocess.run(  # noqa: S603
        [shutil.which(program) or program, "--version"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()
