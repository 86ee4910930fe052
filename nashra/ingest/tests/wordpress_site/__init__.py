"""A real WordPress site, built with Debian's wordpress package, exported by WordPress itself.

The PHP scripts beside this module install WordPress into a throwaway MariaDB database
(install.php), fill it through WordPress's own API (populate_<site>.php, with helpers.php) and
write its WXR export (export.php). The populate script also writes a manifest of everything it
made, so tests can compare an import with what WordPress itself says: ids, slugs, permalinks,
dates, attachments. Two sites: "news" (English and Arabic, every shape of content) and "arabic"
(an Arabic-only site).
"""

import json
import os
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENSURE_SCRIPT = HERE.parents[3] / "scripts" / "ensure-wordpress"
# Each site's address and locale ("": WordPress's default, en_US).
SITES = {
    "news": ("http://archive.nashra.test", ""),
    "arabic": ("http://ar.archive.nashra.test", "ar"),
}
# MariaDB as this machine and CI have it: root over the local socket, no password.
DB_HOST = "localhost"
DB_USER = "root"
DB_PASSWORD = ""


@dataclass(frozen=True)
class WordPressExport:
    """The export file, the uploads folder beside it, and the manifest of what the site holds."""

    xml_path: Path
    uploads_dir: Path
    manifest: dict


def ensure_wordpress():
    """Install Debian's wordpress, PHP and MariaDB where missing and start MariaDB if it is down."""
    result = subprocess.run([ENSURE_SCRIPT], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{ENSURE_SCRIPT.name} failed:\n{result.stderr}{result.stdout}")


def build_wordpress_export(tmp_path, site="news"):
    """Build a site in a fresh database, export it under tmp_path and drop the database.

    Return a WordPressExport whose uploads_dir holds the media files the export points to.
    """
    ensure_wordpress()
    tmp_path = Path(tmp_path)
    content_dir = tmp_path / "wp-content"
    content_dir.mkdir(parents=True)
    # Unique per process and call: two test runs on one machine never share a database.
    database = f"nashra_wp_{os.getpid()}_{secrets.token_hex(4)}"
    env = {
        **os.environ,
        "NASHRA_WP_DB_NAME": database,
        "NASHRA_WP_DB_HOST": DB_HOST,
        "NASHRA_WP_DB_USER": DB_USER,
        "NASHRA_WP_DB_PASSWORD": DB_PASSWORD,
        "NASHRA_WP_CONTENT_DIR": str(content_dir),
        "NASHRA_WP_URL": SITES[site][0],
        "NASHRA_WP_LANG": SITES[site][1],
    }
    xml_path = tmp_path / "export.xml"
    manifest_path = tmp_path / "manifest.json"
    _sql(f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    try:
        _php("install.php", env=env)
        _php(f"populate_{site}.php", manifest_path, env=env)
        _php("export.php", xml_path, env=env)
    finally:
        _sql(f"DROP DATABASE IF EXISTS `{database}`")
    return WordPressExport(
        xml_path=xml_path,
        uploads_dir=content_dir / "uploads",
        manifest=json.loads(manifest_path.read_text(encoding="utf-8")),
    )


def _php(script, *args, env):
    result = subprocess.run(
        ["php", HERE / script, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    # WordPress reports a database error on stdout and may still exit 0.
    if result.returncode != 0 or "WordPress database error" in result.stdout:
        raise RuntimeError(
            f"php {script} failed ({result.returncode}):\n{result.stderr}{result.stdout}"
        )


def _sql(statement):
    command = ["mariadb", f"--user={DB_USER}", "--batch", "--execute", statement]
    if DB_HOST != "localhost":
        command.insert(1, f"--host={DB_HOST}")
    if DB_PASSWORD:
        command.insert(1, f"--password={DB_PASSWORD}")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{statement} failed:\n{result.stderr}")
