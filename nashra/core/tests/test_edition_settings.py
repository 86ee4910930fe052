"""Each edition's time zone, digits and Hijri date, as a reader sees them on its pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nashra.core.dates import Digits
from nashra.core.models import EditionSettings
from nashra.core.tests.factories import gallery
from nashra.home.services import get_or_create_section, set_edition_settings

pytestmark = pytest.mark.django_db

LATE_EVENING = datetime.datetime(2026, 11, 29, 22, 30, tzinfo=datetime.UTC)


@pytest.fixture
def ar_news(ar_home):
    return get_or_create_section(ar_home, "news", "أخبار")[0]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_new_edition_settings_default_to_aden_latin_digits_and_no_hijri(en_home):
    edition_settings = EditionSettings.objects.get(locale=en_home.locale)
    assert edition_settings.time_zone == "Asia/Aden"
    assert edition_settings.digits == Digits.LATIN
    assert edition_settings.show_hijri_date is False


def test_unknown_time_zone_is_refused(en_home):
    edition_settings = EditionSettings.objects.get(locale=en_home.locale)
    edition_settings.time_zone = "Asia/Atlantis"
    with pytest.raises(ValidationError) as error:
        edition_settings.full_clean()
    assert "time_zone" in error.value.message_dict


def test_full_date_is_in_the_edition_time_zone(client, middle_east, article_factory):
    article = article_factory(middle_east, "Late news", published_at=LATE_EVENING)
    published = soup(client.get(article.url)).select_one("time.article__published")
    assert "November 30, 2026" in published["title"]
    assert published["datetime"] == "2026-11-29T22:30:00+00:00"

    set_edition_settings("en", time_zone="UTC")
    published = soup(client.get(article.url)).select_one("time.article__published")
    assert "November 29, 2026" in published["title"]


def test_arabic_full_date_has_arabic_month_name(client, ar_news, article_factory):
    article = article_factory(ar_news, "خبر متأخر", published_at=LATE_EVENING)
    published = soup(client.get(article.url)).select_one("time.article__published")
    assert "30 نوفمبر 2026" in published["title"]


def test_arabic_page_in_latin_digits_by_default(client, ar_news, article_factory):
    article = article_factory(
        ar_news, "خبر", published_at=timezone.now() - datetime.timedelta(hours=3)
    )
    published = soup(client.get(article.url)).select_one("time.article__published")
    assert published.get_text() == "منذ 3 ساعات"
    assert any(character.isascii() and character.isdigit() for character in published["title"])


def test_arabic_indic_digits_in_dates_when_the_edition_asks(client, ar_news, article_factory):
    set_edition_settings("ar", digits=Digits.ARABIC_INDIC, show_hijri_date=True)
    article = article_factory(
        ar_news, "خبر", published_at=timezone.now() - datetime.timedelta(hours=3)
    )
    html = soup(client.get(article.url))
    published = html.select_one("time.article__published")
    assert published.get_text() == "منذ ٣ ساعات"
    assert not any(character.isascii() and character.isdigit() for character in published["title"])
    assert published["datetime"][:4].isascii()  # machine-readable, so Latin
    hijri = html.select_one(".article__dates .date-hijri").get_text()
    assert hijri.endswith("هـ")
    assert not any(character.isascii() and character.isdigit() for character in hijri)


def test_hijri_date_beside_the_gregorian_only_when_set(client, ar_news, article_factory):
    article = article_factory(ar_news, "خبر متأخر", published_at=LATE_EVENING)
    assert soup(client.get(article.url)).select_one(".date-hijri") is None

    set_edition_settings("ar", show_hijri_date=True)
    html = soup(client.get(article.url))
    # 22:30 UTC is already the next day in Aden.
    assert html.select_one(".article__dates .date-hijri").get_text() == "20 جمادى الآخرة 1448 هـ"


def test_english_hijri_date(client, middle_east, article_factory):
    set_edition_settings("en", show_hijri_date=True)
    article = article_factory(middle_east, "Late news", published_at=LATE_EVENING)
    hijri = soup(client.get(article.url)).select_one(".article__dates .date-hijri")
    assert hijri.get_text() == "20 Jumada al-Akhirah 1448 AH"


@pytest.mark.parametrize(
    ("digits", "expected"),
    [(Digits.LATIN, "الصفحة 2 من 3"), (Digits.ARABIC_INDIC, "الصفحة ٢ من ٣")],
)
def test_pagination_digits(client, ar_news, article_factory, settings, digits, expected):
    settings.NASHRA_PAGE_SIZE = 1
    set_edition_settings("ar", digits=digits)
    for hours in (1, 2, 3):
        article_factory(
            ar_news, f"خبر {hours}", published_at=timezone.now() - datetime.timedelta(hours=hours)
        )
    html = soup(client.get(ar_news.url, {"page": 2}))
    assert html.select_one(".pagination span").get_text() == expected
    assert html.select_one('.pagination a[rel="next"]')["href"] == "?page=3"


def test_gallery_counter_digits(client, ar_news, article_factory, image_factory):
    set_edition_settings("ar", digits=Digits.ARABIC_INDIC)
    images = [image_factory(f"Scene {number}") for number in range(3)]
    article = article_factory(ar_news, "معرض", body=[gallery(images)])
    html = soup(client.get(article.url))
    assert html.select_one("[data-lightbox-counter]")["data-digits"] == "٠١٢٣٤٥٦٧٨٩"
    labels = [link["aria-label"] for link in html.select("[data-gallery-item]")]
    assert labels[0].endswith("١ من ٣")


def test_gallery_counter_latin_digits_by_default(
    client, middle_east, article_factory, image_factory
):
    images = [image_factory(f"Scene {number}") for number in range(3)]
    article = article_factory(middle_east, "Gallery", body=[gallery(images)])
    html = soup(client.get(article.url))
    assert html.select_one("[data-lightbox-counter]")["data-digits"] == "0123456789"
    assert html.select_one("[data-gallery-item]")["aria-label"] == "Open image 1 of 3"


def test_edition_settings_cost_no_query_once_the_edition_is_cached(
    client, middle_east, article_factory
):
    article = article_factory(middle_east, "Late news", published_at=LATE_EVENING)
    client.get(article.url)  # warm Wagtail's own caches and the edition's chrome
    with CaptureQueriesContext(connection) as queries:
        soup(client.get(article.url))
    reads = [query for query in queries if '"core_editionsettings"' in query["sql"]]
    assert reads == []


def test_admin_keeps_its_own_time_zone_without_reading_edition_settings(client, en_home):
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/login/")
    assert not [query for query in queries if '"core_editionsettings"' in query["sql"]]
