import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import GroupPagePermission, ModelLogEntry

from nashra.curation.models import BreakingNews
from nashra.curation.services import withdraw_breaking_news
from nashra.pages.models import StandardPage

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def banner(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").select_one("aside.breaking")


def breaking(locale, text="Earthquake hits the coast", **fields):
    now = timezone.now()
    fields.setdefault("starts_at", now - HOUR)
    fields.setdefault("expires_at", now + HOUR)
    item = BreakingNews(locale=locale, text=text, **fields)
    item.full_clean()
    item.save()
    return item


def test_banner_on_every_page_of_its_edition_only(
    client, en_home, ar_home, middle_east, article_factory
):
    article = article_factory(middle_east, "Quake")
    about = StandardPage(title="About Us", slug="about-us")
    en_home.add_child(instance=about)
    about.save_revision().publish()
    breaking(en_home.locale, article=article)
    for url in (en_home.url, middle_east.url, article.url, about.url):
        found = banner(client, url)
        assert found is not None, url
        assert found.a.get_text() == "Earthquake hits the coast"
        assert found.a["href"] == article.url
    assert banner(client, ar_home.url) is None


def test_banner_links_to_a_url_when_no_article(client, en_home):
    breaking(en_home.locale, url="https://example.org/live")
    assert banner(client, en_home.url).a["href"] == "https://example.org/live"


def test_banner_gone_at_expiry(client, en_home):
    breaking(en_home.locale)
    assert banner(client, en_home.url) is not None
    later = timezone.now() + 2 * HOUR
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert banner(client, en_home.url) is None


def test_expired_and_future_items_are_not_shown(client, en_home):
    now = timezone.now()
    breaking(en_home.locale, "Old", starts_at=now - 3 * HOUR, expires_at=now - 2 * HOUR)
    breaking(en_home.locale, "Later", starts_at=now + HOUR, expires_at=now + 2 * HOUR)
    assert banner(client, en_home.url) is None


def test_banner_gone_when_withdrawn_and_withdrawal_logged(client, en_home, admin_user):
    item = breaking(en_home.locale)
    assert banner(client, en_home.url) is not None
    withdraw_breaking_news(item, admin_user)
    assert banner(client, en_home.url) is None
    assert ModelLogEntry.objects.filter(
        object_id=str(item.pk), action="nashra.breaking_withdraw", user=admin_user
    ).exists()


def test_second_overlapping_item_in_an_edition_is_refused(en_home, ar_home):
    first = breaking(en_home.locale)
    with pytest.raises(ValidationError):
        breaking(en_home.locale, "Another")
    breaking(ar_home.locale, "زلزال")  # the other edition has its own line
    breaking(en_home.locale, "Next", starts_at=first.expires_at, expires_at=first.expires_at + HOUR)
    withdraw_breaking_news(first)
    breaking(en_home.locale, "Replacement", expires_at=first.expires_at)


def test_admin_creates_logs_and_withdraws(admin_client, en_home):
    now = timezone.localtime()
    url = "/admin/snippets/curation/breakingnews/add/"
    data = {
        "locale": en_home.locale_id,
        "text": "Polls close",
        "url": "",
        "starts_at": (now - HOUR).strftime("%Y-%m-%d %H:%M"),
        "expires_at": (now + HOUR).strftime("%Y-%m-%d %H:%M"),
    }
    assert admin_client.post(url, data).status_code == 302
    item = BreakingNews.objects.get()
    assert ModelLogEntry.objects.filter(object_id=str(item.pk), action="wagtail.create").exists()
    refused = admin_client.post(url, dict(data, text="Clash"))
    assert refused.status_code == 200
    assert "already on air" in refused.content.decode()
    edit = f"/admin/snippets/curation/breakingnews/edit/{item.pk}/"
    assert admin_client.post(edit, dict(data, withdrawn="on")).status_code == 302
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True)
    )
    assert {"wagtail.create", "wagtail.edit", "nashra.breaking_withdraw"} <= actions


def test_only_holders_of_the_permission_manage_breaking_news(client, django_user_model, en_home):
    user = django_user_model.objects.create_user("editor", password="pw")
    group = Group.objects.create(name="Some editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    url = "/admin/snippets/curation/breakingnews/add/"
    assert client.get(url).status_code in (302, 403)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="curation",
            codename__in=["add_breakingnews", "change_breakingnews", "view_breakingnews"],
        )
    )
    # The model permissions alone are not enough: breaking news belongs to an edition's chiefs.
    assert client.get(url).status_code in (302, 403)
    GroupPagePermission.objects.create(
        group=group, page=en_home, permission=Permission.objects.get(codename="publish_page")
    )
    assert client.get(url).status_code == 200
