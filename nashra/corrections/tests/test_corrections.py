import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageLogEntry

from nashra.corrections.models import Correction, CorrectionsPage, TranslationFollowUp
from nashra.corrections.services import add_correction
from nashra.news.translations import link_translation

from .factories import CorrectionsPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_correction_appears_at_the_foot_of_the_article_at_once(
    client, middle_east, article_factory
):
    article = article_factory(middle_east, "Port reopens")
    assert soup(client.get(article.url)).select_one(".corrections") is None  # cached: none yet
    add_correction(article, Correction.Kind.CORRECTION, "The port is in Aden, not Mukalla.")
    html = soup(client.get(article.url))
    item = html.select_one(".article__footer .corrections .correction")
    assert html.select_one("#corrections-heading").get_text() == "Corrections"
    assert item.select_one(".correction__kind").get_text() == "Correction"
    assert item.select_one("time")["datetime"]
    assert "not Mukalla" in item.select_one(".correction__text").get_text()
    assert html.select_one(".retraction-notice") is None


def test_retraction_shows_a_notice_at_the_top(client, middle_east, article_factory):
    article = article_factory(middle_east, "Minister resigns")
    add_correction(article, Correction.Kind.RETRACTION, "The minister did not resign.")
    html = soup(client.get(article.url))
    first = html.select_one("article.article").find(recursive=False)
    assert "retraction-notice" in first["class"]
    assert "has been retracted" in first.get_text()
    assert html.select_one(".correction--retraction .correction__kind").get_text() == "Retraction"


def test_corrections_page_lists_the_editions_corrections_newest_first(
    client, corrections_page, middle_east, ar_news, article_factory
):
    first = article_factory(middle_east, "First story")
    second = article_factory(middle_east, "Second story")
    arabic = article_factory(ar_news, "خبر")
    now = timezone.now()
    add_correction(first, "correction", "Older fix.", date=now - datetime.timedelta(days=1))
    add_correction(second, "clarification", "Newer note.", date=now)
    add_correction(arabic, "correction", "تصحيح.")
    html = soup(client.get(corrections_page.url))
    links = [a.get_text() for a in html.select(".correction__article a")]
    assert links == ["Second story", "First story"]
    assert html.select_one(".correction__article a")["href"].startswith(second.url)
    feed_link = html.select_one('link[rel="alternate"][type="application/rss+xml"]')
    assert feed_link["href"] == corrections_page.url + "feed/"


def test_corrections_page_is_paginated(
    client, corrections_page, middle_east, article_factory, settings
):
    settings.NASHRA_PAGE_SIZE = 2
    article = article_factory(middle_east, "Busy story")
    for number in range(3):
        add_correction(article, "correction", f"Fix {number}.")
    assert len(soup(client.get(corrections_page.url)).select(".corrections-list > li")) == 2
    assert (
        len(soup(client.get(corrections_page.url, {"page": 2})).select(".corrections-list > li"))
        == 1
    )
    assert client.get(corrections_page.url, {"page": 3}).status_code == 404


def test_corrections_feed_is_rss_with_language_and_absolute_links(
    client, corrections_page, middle_east, article_factory
):
    article = article_factory(middle_east, "Port reopens")
    correction = add_correction(article, "correction", "The port is in Aden.")
    response = client.get(corrections_page.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    # Absolute, on the site's canonical address (Wagtail's Site), whatever host was asked.
    assert (
        channel.findtext("link")
        == corrections_page.get_full_url()
        == "http://localhost/en/corrections/"
    )
    items = channel.findall("item")
    assert len(items) == 1
    assert items[0].findtext("title") == "Correction: Port reopens"
    assert items[0].findtext("link") == f"{article.get_full_url()}#correction-{correction.pk}"
    assert items[0].findtext("description") == "The port is in Aden."


def test_arabic_feed_is_in_arabic(client, ar_home, ar_news, article_factory):
    page = CorrectionsPageFactory(parent=ar_home, title="تصحيحات")
    add_correction(article_factory(ar_news, "خبر"), "correction", "تصحيح.")
    channel = ET.fromstring(client.get(page.url + "feed/").content).find("channel")
    assert channel.findtext("language") == "ar"
    assert channel.find("item").findtext("link").startswith("http://localhost/ar/news/")


def test_an_edition_can_have_one_corrections_page(en_home):
    assert CorrectionsPage.can_create_at(en_home)
    CorrectionsPage.objects.all().delete()
    page = CorrectionsPage(title="Corrections", slug="corrections")
    en_home.add_child(instance=page)
    assert not CorrectionsPage.can_create_at(en_home)


def test_correcting_a_translated_article_opens_a_follow_up(
    middle_east, ar_news, article_factory, admin_user
):
    original = article_factory(middle_east, "Port reopens")
    translation = link_translation(article_factory(ar_news, "الميناء يفتح"), original)
    correction = add_correction(original, "correction", "Aden, not Mukalla.", user=admin_user)
    follow_up = TranslationFollowUp.objects.get()
    assert (follow_up.correction, follow_up.article.pk, follow_up.done) == (
        correction,
        translation.pk,
        False,
    )
    entry = PageLogEntry.objects.get(page=original, action="nashra.correction")
    assert entry.user == admin_user
    assert entry.data["follow_ups"] == [translation.pk]
    assert entry.label  # the action is registered, so the log can name it


def test_no_follow_up_without_a_translation(middle_east, article_factory):
    add_correction(article_factory(middle_east, "Alone"), "correction", "A fix.")
    assert not TranslationFollowUp.objects.exists()
    assert PageLogEntry.objects.filter(action="nashra.correction").count() == 1


def test_correction_added_in_the_admin_opens_a_follow_up_and_is_logged(
    admin_client, middle_east, ar_news, article_factory
):
    original = article_factory(middle_east, "Port reopens")
    link_translation(article_factory(ar_news, "الميناء يفتح"), original)
    response = admin_client.post(
        "/admin/snippets/corrections/correction/add/",
        {
            "article": original.pk,
            "kind": "clarification",
            "date": timezone.now().strftime("%Y-%m-%d %H:%M"),
            "text": "We have clarified the date.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Correction.objects.get().kind == "clarification"
    assert TranslationFollowUp.objects.count() == 1
    assert PageLogEntry.objects.filter(page=original, action="nashra.correction").exists()
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Translations awaiting a correction" in dashboard
    listing = admin_client.get(
        "/admin/snippets/corrections/translationfollowup/",
        {"article__locale": ar_news.locale_id},
    )
    assert listing.status_code == 200
    assert "الميناء يفتح" in listing.content.decode()


def test_marking_a_follow_up_done_in_the_admin_is_logged(
    admin_client, middle_east, ar_news, article_factory
):
    original = article_factory(middle_east, "Port reopens")
    translation = link_translation(article_factory(ar_news, "الميناء يفتح"), original)
    add_correction(original, "correction", "Aden.")
    follow_up = TranslationFollowUp.objects.get()
    response = admin_client.post(
        f"/admin/snippets/corrections/translationfollowup/edit/{follow_up.pk}/", {"done": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    follow_up.refresh_from_db()
    assert follow_up.done and follow_up.done_by is not None
    assert PageLogEntry.objects.filter(
        page=translation, action="nashra.correction_followed_up"
    ).exists()
