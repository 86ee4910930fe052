"""An editor's Publish cannot beat an embargo; the dashboard lists what is overdue."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from nashra.news.models import ArticlePage
from nashra.sources.models import Source

from .helpers import clock

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def publish_through_admin(client, article, **extra):
    source = Source.objects.create(name="Saba", locale=article.locale)
    return client.post(
        f"/admin/pages/{article.pk}/edit/",
        {
            "title": article.title,
            "slug": article.slug,
            "type_of_work": "news",
            "lead": article.lead,
            "body-count": "0",
            "sources": [source.pk],
            "action-publish": "publish",
            **extra,
        },
    )


def admin_datetime(value):
    return timezone.localtime(value, datetime.UTC).strftime("%Y-%m-%d %H:%M")


def test_publish_under_embargo_schedules_for_the_embargo_instead(
    admin_client, middle_east, article_factory
):
    embargo = (timezone.now() + 3 * HOUR).replace(second=0, microsecond=0)
    article = article_factory(middle_east, "Central bank rate decision", publish=False)

    response = publish_through_admin(admin_client, article, embargo_until=admin_datetime(embargo))

    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.embargo_until == embargo
    assert article.go_live_at == embargo
    assert article.latest_revision.approved_go_live_at == embargo
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish.schedule").exists()
    page = admin_client.get(response["Location"]).content.decode()
    assert "under embargo" in page
    assert "+0300" in page  # the English edition's time zone, Asia/Aden by default


def test_publish_with_a_go_live_after_the_embargo_keeps_the_go_live(
    admin_client, middle_east, article_factory
):
    embargo = (timezone.now() + HOUR).replace(second=0, microsecond=0)
    go_live = embargo + 2 * HOUR
    article = article_factory(middle_east, "Election results", publish=False)
    publish_through_admin(
        admin_client,
        article,
        embargo_until=admin_datetime(embargo),
        go_live_at=admin_datetime(go_live),
    )
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.latest_revision.approved_go_live_at == go_live


def test_publish_after_the_embargo_goes_live(admin_client, middle_east, article_factory):
    embargo = (timezone.now() - HOUR).replace(second=0, microsecond=0)
    article = article_factory(middle_east, "Trade figures", publish=False)
    response = publish_through_admin(admin_client, article, embargo_until=admin_datetime(embargo))
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).live


def test_edit_view_warns_of_a_running_embargo(admin_client, middle_east, article_factory):
    article = article_factory(
        middle_east, "Embargoed report", publish=False, embargo_until=timezone.now() + HOUR
    )
    page = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Embargoed until" in page


def test_overdue_item_shows_on_the_dashboard(admin_client, scheduled_article, now):
    with clock(now + HOUR + datetime.timedelta(minutes=2)):
        page = admin_client.get("/admin/").content.decode()
    assert "Overdue scheduled publishing" in page
    assert scheduled_article.title in page
    assert f"/admin/pages/{scheduled_article.pk}/edit/" in page
    assert "+0300" in page


def test_dashboard_shows_no_panel_when_nothing_is_overdue(admin_client, scheduled_article, now):
    with clock(now + HOUR + datetime.timedelta(seconds=30)):
        page = admin_client.get("/admin/").content.decode()
    assert "Overdue scheduled publishing" not in page
