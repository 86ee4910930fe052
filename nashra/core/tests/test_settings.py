"""Production settings: refuse to start without secrets; pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    # Production refuses to start without a mail backend that delivers (nashra/accounts).
    base.update(
        DJANGO_SETTINGS_MODULE="nashra.settings.production",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        **env,
    )
    return subprocess.run(
        [sys.executable, MANAGE, *args], env=base, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_check_deploy_with_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_database_and_cache_come_from_the_environment():
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE']);"
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}} | {
        "DJANGO_SETTINGS_MODULE": "nashra.settings.dev",
        "DATABASE_URL": "postgres://user@db.example:5432/news",
        "REDIS_URL": "redis://cache.example:6379/1",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    engine, cache = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert cache == "nashra.caching.near.TieredRedisCache"  # Redis, each process remembering


def test_production_keeps_database_connections_and_checks_them():
    code = (
        "from django.conf import settings;"
        "database = settings.DATABASES['default'];"
        "print(database['CONN_MAX_AGE'], database['CONN_HEALTH_CHECKS'])"
    )
    secret = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.com"}
    kept = run_manage("shell", "--no-imports", "-c", code, **secret)
    assert kept.stdout.split() == ["60", "True"], kept.stderr
    closed = run_manage("shell", "--no-imports", "-c", code, DATABASE_CONN_MAX_AGE="0", **secret)
    assert closed.stdout.split() == ["0", "True"], closed.stderr
