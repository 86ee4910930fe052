"""Demo accounts, one per newsroom role, for trying the review workflow."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from nashra.home.models import HomePage
from nashra.news.models import SectionPage
from nashra.newsroom import roles
from nashra.newsroom.services import adopt_desk_language, edition_groups, section_groups

ACCOUNTS_FILE = "demo-accounts.txt"
# (username, role, edition, section paths)
ACCOUNTS = [
    ("writer", roles.WRITERS, "en", ["news", "news/middle-east"]),
    ("editor", roles.EDITORS, "en", ["news", "news/middle-east"]),
    ("chief", roles.CHIEF_EDITORS, "en", []),
    ("editor-ar", roles.EDITORS, "ar", ["news"]),
    ("writer-ar", roles.WRITERS, "ar", ["news"]),
]


def _passwords_path():
    return Path(settings.VAR_DIR) / ACCOUNTS_FILE


def _stored_passwords():
    path = _passwords_path()
    if not path.exists():
        return {}
    return dict(line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)


def _store_passwords(passwords):
    path = _passwords_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text("".join(f"{name} {password}\n" for name, password in passwords.items()))


def _groups_for(role, language_code, paths):
    home = HomePage.objects.for_language(language_code)
    if home is None:
        return None
    if role == roles.CHIEF_EDITORS:
        return [edition_groups(home)]
    groups = []
    for path in paths:
        section = SectionPage.objects.at_path(home, path)
        if section is not None:
            writers, editors = section_groups(section)
            groups.append(writers if role == roles.WRITERS else editors)
    return groups


@transaction.atomic
def create_demo_accounts(stdout):
    """Create (once) a demo account per role, put it in its groups and print its login."""
    User = get_user_model()
    shared_password = os.environ.get("NASHRA_DEMO_PASSWORD")
    stored = _stored_passwords()
    created_passwords = dict(stored)
    for username, role, language_code, paths in ACCOUNTS:
        groups = _groups_for(role, language_code, paths)
        if groups is None:
            continue  # the edition is not loaded
        user = User.objects.filter(username=username).first()
        if user is None:
            password = shared_password or secrets.token_urlsafe(12)
            user = User.objects.create_user(username, f"{username}@example.org", password)
            if not shared_password:
                created_passwords[username] = password
        else:
            known = [p for p in (shared_password, stored.get(username)) if p]
            password = next(
                (p for p in known if user.check_password(p)), _("(unchanged; set earlier)")
            )
        user.groups.add(Group.objects.get(name=role), *groups)
        adopt_desk_language(user)  # an account made before desks had languages catches up
        stdout.write(
            _("%(role)s login: %(user)s / %(password)s (%(groups)s)")
            % {
                "role": _(role),
                "user": username,
                "password": password,
                "groups": ", ".join(group.name for group in groups),
            }
            + "\n"
        )
    if created_passwords != stored:
        _store_passwords(created_passwords)
