"""The demo's day on the desks: each demo account's dashboard has its day to show."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from nashra.demo.accounts import create_demo_accounts
from nashra.demo.desk_day import BREAKING, COMMENT, stage_desk_day
from nashra.news.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desks(settings, tmp_path, middle_east, ar_news, admin_user, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("NASHRA_DEMO_PASSWORD", "demo-pass-123")
    create_demo_accounts(io.StringIO())
    ArticlePageFactory(parent=middle_east, title="Yesterday's story")
    return {user.username: user for user in get_user_model().objects.all()}


def dashboard(client, user):
    client.force_login(user)
    return BeautifulSoup(client.get("/admin/").content, "html.parser")


def panel_text(html, panel_id):
    element = html.find(id=f"{panel_id}-content")
    return element.get_text(" ", strip=True) if element else ""


def test_every_demo_role_has_a_day_on_its_dashboard(desks, client):
    assert stage_desk_day() == 5

    writer = dashboard(client, desks["writer"])
    assert COMMENT in panel_text(writer, "my-drafts")
    assert "Power cuts ease in Aden" in panel_text(writer, "my-waiting")
    assert "Sanaa book fair" in panel_text(writer, "my-scheduled")

    editor = dashboard(client, desks["editor"])
    assert "Power cuts ease in Aden" in panel_text(editor, "review-queue")
    assert "Sanaa book fair" in panel_text(editor, "scheduled-soon")
    assert "UN report" in panel_text(editor, "embargoes-ending")

    editor_ar = dashboard(client, desks["editor-ar"])
    assert editor_ar.html["dir"] == "rtl"
    assert "وصول سفينتي وقود" in panel_text(editor_ar, "review-queue")

    chief = dashboard(client, desks["chief"])
    day = panel_text(chief, "edition-day-en")
    assert BREAKING in day and "Yesterday's story" in day


def test_staging_again_adds_nothing(desks):
    stage_desk_day()
    assert stage_desk_day() == 0
