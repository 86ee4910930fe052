"""Demo accounts: one per role, placed in their groups, created once."""

import io

import pytest
from django.contrib.auth import get_user_model

from nashra.demo.accounts import create_demo_accounts
from nashra.home.services import get_or_create_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_demo_accounts_are_created_once_with_stored_passwords(
    var_dir, middle_east, ar_home, client, monkeypatch
):
    monkeypatch.delenv("NASHRA_DEMO_PASSWORD", raising=False)
    get_or_create_section(ar_home, "news", "أخبار")
    out = io.StringIO()
    create_demo_accounts(out)
    passwords = dict(
        line.split(" ") for line in (var_dir / "demo-accounts.txt").read_text().split("\n") if line
    )
    assert set(passwords) == {"writer", "editor", "chief", "editor-ar", "writer-ar"}
    assert (var_dir / "demo-accounts.txt").stat().st_mode & 0o777 == 0o600
    assert f"writer / {passwords['writer']}" in out.getvalue()

    editor = get_user_model().objects.get(username="editor")
    assert {g.name for g in editor.groups.all()} == {
        "Editors",
        "Editors · en · news",
        "Editors · en · news/middle-east",
    }
    assert client.login(username="writer", password=passwords["writer"])

    again = io.StringIO()
    create_demo_accounts(again)
    assert get_user_model().objects.count() == 5
    assert f"writer / {passwords['writer']}" in again.getvalue()


def test_demo_password_from_the_environment(var_dir, middle_east, client, monkeypatch):
    monkeypatch.setenv("NASHRA_DEMO_PASSWORD", "demo-pass-123")
    create_demo_accounts(io.StringIO())
    assert client.login(username="chief", password="demo-pass-123")
    assert not (var_dir / "demo-accounts.txt").exists()


def test_every_demo_role_reaches_its_own_desk(var_dir, middle_east, ar_home, client, monkeypatch):
    from nashra.home.services import set_edition_settings
    from nashra.topics.models import Topic

    monkeypatch.setenv("NASHRA_DEMO_PASSWORD", "demo-pass-123")
    get_or_create_section(ar_home, "news", "أخبار")
    create_demo_accounts(io.StringIO())
    set_edition_settings("en", site_name="Nashra", about_blurb="…")
    Topic.objects.create(name="Yemen", locale=middle_east.locale)
    Topic.objects.create(name="اليمن", locale=ar_home.locale)
    # (user, a page of their own desk, their edition's topic, the other edition's topic)
    desks = [
        ("writer", f"/admin/pages/add/news/articlepage/{middle_east.pk}/", "Yemen", "اليمن"),
        ("editor", "/admin/snippets/corrections/correction/add/", "Yemen", "اليمن"),
        ("chief", "/admin/snippets/curation/breakingnews/add/", "Yemen", "اليمن"),
        ("editor-ar", "/admin/snippets/corrections/correction/add/", "اليمن", "Yemen"),
    ]
    for username, own_page, own_topic, other_topic in desks:
        assert client.login(username=username, password="demo-pass-123")
        assert client.get(own_page).status_code == 200, username
        topics = client.get("/admin/snippets/topics/topic/").content.decode()
        assert own_topic in topics and other_topic not in topics, username
        client.logout()


def test_the_arabic_desk_works_in_the_arabic_admin(var_dir, middle_east, ar_home, client):
    get_or_create_section(ar_home, "news", "أخبار")
    create_demo_accounts(io.StringIO())
    languages = {}
    for username in ("writer", "editor", "chief", "editor-ar", "writer-ar"):
        client.force_login(get_user_model().objects.get(username=username))
        html = client.get("/admin/").content.decode()
        languages[username] = "rtl" if '<html lang="ar" dir="rtl"' in html else "ltr"
    assert languages == {
        "writer": "ltr",
        "editor": "ltr",
        "chief": "ltr",
        "editor-ar": "rtl",
        "writer-ar": "rtl",
    }
