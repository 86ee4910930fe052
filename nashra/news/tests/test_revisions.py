"""Revisions: compare and restore, and an "Updated" time that only a significant change moves."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

pytestmark = pytest.mark.django_db


def republish(article, **changes):
    for name, value in changes.items():
        setattr(article, name, value)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def test_typo_fix_does_not_show_as_an_update(client, middle_east, article_factory):
    article = article_factory(middle_east, "Port reopns")
    republish(article, title="Port reopens")
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert html.h1.get_text() == "Port reopens"
    assert html.select_one(".article__updated") is None


def test_significant_update_shows_its_time(client, middle_east, article_factory):
    article = article_factory(middle_east, "Port reopens")
    republish(article, updated_at=timezone.now() - datetime.timedelta(minutes=5))
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert html.select_one(".article__updated time").get_text() == "5 minutes ago"


def test_revisions_can_be_compared_and_restored(admin_client, middle_east, article_factory):
    article = article_factory(middle_east, "First headline")
    first = article.latest_revision
    republish(article, title="Second headline")
    second = article.latest_revision
    compare = admin_client.get(
        f"/admin/pages/{article.pk}/revisions/compare/{first.pk}...{second.pk}/"
    )
    assert compare.status_code == 200
    text = BeautifulSoup(compare.content, "html.parser").get_text(" ")
    assert "First" in text and "Second" in text  # the title's change, word by word
    revert = admin_client.get(f"/admin/pages/{article.pk}/revisions/{first.pk}/revert/")
    assert revert.status_code == 200
    assert b"First headline" in revert.content
