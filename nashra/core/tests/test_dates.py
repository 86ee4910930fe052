"""How the editions word dates: plural forms, long dates, Umm al-Qura Hijri dates, digits."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from nashra.core.dates import Digits, ago, hijri_date, long_date, relative, shape_digits

UTC = datetime.UTC
ADEN = zoneinfo.ZoneInfo("Asia/Aden")

ARABIC = {
    "minute": [
        "منذ 0 دقيقة",
        "منذ دقيقة",
        "منذ دقيقتين",
        "منذ 3 دقائق",
        "منذ 11 دقيقة",
        "منذ 100 دقيقة",
    ],
    "hour": ["منذ 0 ساعة", "منذ ساعة", "منذ ساعتين", "منذ 3 ساعات", "منذ 11 ساعة", "منذ 100 ساعة"],
    "day": ["منذ 0 يوم", "منذ يوم", "منذ يومين", "منذ 3 أيام", "منذ 11 يومًا", "منذ 100 يوم"],
    "week": [
        "منذ 0 أسبوع",
        "منذ أسبوع",
        "منذ أسبوعين",
        "منذ 3 أسابيع",
        "منذ 11 أسبوعًا",
        "منذ 100 أسبوع",
    ],
    "month": ["منذ 0 شهر", "منذ شهر", "منذ شهرين", "منذ 3 أشهر", "منذ 11 شهرًا", "منذ 100 شهر"],
    "year": ["منذ 0 سنة", "منذ سنة", "منذ سنتين", "منذ 3 سنوات", "منذ 11 سنة", "منذ 100 سنة"],
}
COUNTS = [0, 1, 2, 3, 11, 100]


@pytest.mark.parametrize("unit", ARABIC)
@pytest.mark.parametrize("index", range(len(COUNTS)))
def test_arabic_relative_phrase_for_each_plural_form(unit, index):
    assert ago(COUNTS[index], unit, "ar") == ARABIC[unit][index]


@pytest.mark.parametrize("unit", ARABIC)
@pytest.mark.parametrize("count", COUNTS)
def test_english_relative_phrase_singular_and_plural(unit, count):
    expected = f"{count} {unit} ago" if count == 1 else f"{count} {unit}s ago"
    assert ago(count, unit, "en") == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(102, "منذ 102 ساعة"), (103, "منذ 103 ساعات"), (111, "منذ 111 ساعة"), (1000, "منذ 1000 ساعة")],
)
def test_arabic_plural_category_follows_cldr_beyond_one_hundred(count, expected):
    assert ago(count, "hour", "ar") == expected


NOW = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "arabic", "english"),
    [
        (datetime.timedelta(seconds=20), "الآن", "just now"),
        (datetime.timedelta(minutes=2), "منذ دقيقتين", "2 minutes ago"),
        (datetime.timedelta(hours=1), "منذ ساعة", "1 hour ago"),
        (datetime.timedelta(hours=2), "منذ ساعتين", "2 hours ago"),
        (datetime.timedelta(hours=5), "منذ 5 ساعات", "5 hours ago"),
        (datetime.timedelta(hours=11), "منذ 11 ساعة", "11 hours ago"),
        (datetime.timedelta(days=2), "منذ يومين", "2 days ago"),
        (datetime.timedelta(days=14), "منذ أسبوعين", "2 weeks ago"),
        (datetime.timedelta(days=95), "منذ 3 أشهر", "3 months ago"),
        (datetime.timedelta(days=800), "منذ سنتين", "2 years ago"),
    ],
)
def test_relative_picks_the_unit_and_wording(delta, arabic, english):
    assert relative(NOW - delta, "ar", now=NOW) == arabic
    assert relative(NOW - delta, "en", now=NOW) == english


def test_a_moment_still_to_come_reads_as_its_date():
    later = NOW + datetime.timedelta(days=3)
    with timezone.override(ADEN):
        assert relative(later, "en", now=NOW) == "December 2, 2026"
        assert relative(later, "ar", now=NOW) == "2 ديسمبر 2026"


def test_long_date_has_arabic_month_names_in_the_local_day():
    moment = datetime.datetime(2026, 11, 29, 22, 30, tzinfo=UTC)
    assert long_date(moment, "ar", tzinfo=ADEN) == "30 نوفمبر 2026"
    assert long_date(moment, "ar", tzinfo=UTC) == "29 نوفمبر 2026"
    assert long_date(moment, "en", tzinfo=ADEN) == "November 30, 2026"


@pytest.mark.parametrize(
    ("day", "arabic", "english"),
    [
        # Start of Ramadan 1446 and 1447, Eid al-Fitr 1447, Eid al-Adha 1445, Hijri New Year 1448,
        # as the Umm al-Qura calendar has them.
        (datetime.date(2025, 3, 1), "1 رمضان 1446 هـ", "1 Ramadan 1446 AH"),
        (datetime.date(2026, 2, 18), "1 رمضان 1447 هـ", "1 Ramadan 1447 AH"),
        (datetime.date(2026, 3, 20), "1 شوال 1447 هـ", "1 Shawwal 1447 AH"),
        (datetime.date(2024, 6, 16), "10 ذو الحجة 1445 هـ", "10 Dhu al-Hijjah 1445 AH"),
        (datetime.date(2026, 6, 16), "1 محرم 1448 هـ", "1 Muharram 1448 AH"),
        (datetime.date(2026, 11, 18), "8 جمادى الآخرة 1448 هـ", "8 Jumada al-Akhirah 1448 AH"),
        (datetime.date(2026, 11, 29), "19 جمادى الآخرة 1448 هـ", "19 Jumada al-Akhirah 1448 AH"),
    ],
)
def test_hijri_date_of_known_days(day, arabic, english):
    assert hijri_date(day, "ar") == arabic
    assert hijri_date(day, "en") == english


def test_hijri_date_follows_the_local_day():
    moment = datetime.datetime(2026, 11, 29, 22, 30, tzinfo=UTC)
    assert hijri_date(moment, "ar", tzinfo=UTC) == "19 جمادى الآخرة 1448 هـ"
    assert hijri_date(moment, "ar", tzinfo=ADEN) == "20 جمادى الآخرة 1448 هـ"


def test_hijri_date_outside_the_umm_al_qura_tables_is_left_out():
    assert hijri_date(datetime.date(1900, 1, 1), "ar") == ""


def test_digits_are_shaped_only_when_the_edition_asks():
    assert shape_digits("منذ 11 ساعة", Digits.ARABIC_INDIC) == "منذ ١١ ساعة"
    assert shape_digits("1448 هـ 2026", Digits.ARABIC_INDIC) == "١٤٤٨ هـ ٢٠٢٦"
    assert shape_digits("منذ 11 ساعة", Digits.LATIN) == "منذ 11 ساعة"
    assert shape_digits(12, Digits.ARABIC_INDIC) == "١٢"
