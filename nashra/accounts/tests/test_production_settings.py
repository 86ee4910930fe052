"""Production refuses to start with a mail backend that would keep password-reset links in
the log or nowhere, and asks staff for the second step unless told otherwise."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"
SHOW = "from django.conf import settings;print(settings.NASHRA_REQUIRE_2FA)"


def run_production(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_BACKEND", "NASHRA_REQUIRE_2FA"}
    }
    base.update(
        DJANGO_SETTINGS_MODULE="nashra.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org",
        PYTHONPATH=str(settings.BASE_DIR),
        **env,
    )
    return subprocess.run(
        [sys.executable, *args], env=base, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "backend", ["", "console", "locmem", "dummy", "filebased"], ids=lambda b: b or "unset"
)
def test_production_refuses_a_mail_backend_that_does_not_deliver(backend):
    env = {"EMAIL_BACKEND": f"django.core.mail.backends.{backend}.EmailBackend"} if backend else {}
    result = run_production("-c", "import django;django.setup()", **env)
    assert result.returncode != 0
    assert "EMAIL_BACKEND must be set" in result.stderr


def test_production_asks_for_the_second_step_unless_told_otherwise():
    code = f"import django;django.setup();{SHOW}"
    assert run_production("-c", code, EMAIL_BACKEND=SMTP).stdout.strip() == "True"
    off = run_production("-c", code, EMAIL_BACKEND=SMTP, NASHRA_REQUIRE_2FA="off")
    assert off.stdout.strip() == "False"


def test_production_with_smtp_passes_check_deploy():
    manage = str(settings.BASE_DIR / "manage.py")
    result = run_production(
        manage, "check", "--deploy", "--fail-level", "WARNING", EMAIL_BACKEND=SMTP
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_development_and_tests_sign_in_with_a_password_alone():
    assert settings.NASHRA_REQUIRE_2FA is False
