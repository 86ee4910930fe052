"""Dates as the editions print them: how long ago, the long date, the Hijri date, digits.

The wording of "… ago" is locale data, like the month names Babel brings: Arabic needs a
different phrase for each of CLDR's six plural categories (ساعة، ساعتين، 3 ساعات، 11 ساعة),
and the category always comes from Babel's CLDR rules, never from a hand-written formula.
"""

import datetime
import functools
import zoneinfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, format_timedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian

DEFAULT_TIME_ZONE = "Asia/Aden"

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
# Largest first; the sizes and the 0.85 threshold are those of Babel's format_timedelta,
# so 95 days read "3 months ago" and 51 minutes "1 hour ago".
UNITS = (
    ("year", 365 * DAY),
    ("month", 30 * DAY),
    ("week", 7 * DAY),
    ("day", DAY),
    ("hour", HOUR),
    ("minute", MINUTE),
)
THRESHOLD = 0.85

# "{0}" is the count. Arabic: the singular and the dual carry no numeral (منذ ساعة، منذ
# ساعتين); 3–10 take the plural; 11–99 the accusative singular (شهرًا، يومًا); 100, 101, 102…
# the genitive singular; zero the singular with the numeral, as CLDR's Arabic units do.
AGO = {
    "ar": {
        "minute": {
            "zero": "منذ {0} دقيقة",
            "one": "منذ دقيقة",
            "two": "منذ دقيقتين",
            "few": "منذ {0} دقائق",
            "many": "منذ {0} دقيقة",
            "other": "منذ {0} دقيقة",
        },
        "hour": {
            "zero": "منذ {0} ساعة",
            "one": "منذ ساعة",
            "two": "منذ ساعتين",
            "few": "منذ {0} ساعات",
            "many": "منذ {0} ساعة",
            "other": "منذ {0} ساعة",
        },
        "day": {
            "zero": "منذ {0} يوم",
            "one": "منذ يوم",
            "two": "منذ يومين",
            "few": "منذ {0} أيام",
            "many": "منذ {0} يومًا",
            "other": "منذ {0} يوم",
        },
        "week": {
            "zero": "منذ {0} أسبوع",
            "one": "منذ أسبوع",
            "two": "منذ أسبوعين",
            "few": "منذ {0} أسابيع",
            "many": "منذ {0} أسبوعًا",
            "other": "منذ {0} أسبوع",
        },
        "month": {
            "zero": "منذ {0} شهر",
            "one": "منذ شهر",
            "two": "منذ شهرين",
            "few": "منذ {0} أشهر",
            "many": "منذ {0} شهرًا",
            "other": "منذ {0} شهر",
        },
        "year": {
            "zero": "منذ {0} سنة",
            "one": "منذ سنة",
            "two": "منذ سنتين",
            "few": "منذ {0} سنوات",
            "many": "منذ {0} سنة",
            "other": "منذ {0} سنة",
        },
    },
    "en": {
        "minute": {"one": "{0} minute ago", "other": "{0} minutes ago"},
        "hour": {"one": "{0} hour ago", "other": "{0} hours ago"},
        "day": {"one": "{0} day ago", "other": "{0} days ago"},
        "week": {"one": "{0} week ago", "other": "{0} weeks ago"},
        "month": {"one": "{0} month ago", "other": "{0} months ago"},
        "year": {"one": "{0} year ago", "other": "{0} years ago"},
    },
}

ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Digits(models.TextChoices):
    LATIN = "latin", _("Latin (0123456789)")
    ARABIC_INDIC = "arabic_indic", _("Arabic-Indic (٠١٢٣٤٥٦٧٨٩)")


def babel_locale(language=None):
    """Return the Babel locale of a Django language code (the active language by default)."""
    return _parse_locale(translation.to_locale(language or translation.get_language() or "en"))


@functools.cache
def _parse_locale(name):
    return Locale.parse(name)


def ago(count, unit, language):
    """Return "count units ago" in language, worded for count's CLDR plural category."""
    locale = babel_locale(language)
    patterns = AGO[locale.language][unit]
    category = locale.plural_form(count)
    return patterns.get(category, patterns["other"]).format(count)


def relative(value, language=None, now=None):
    """Return how long ago a moment was ("منذ 3 ساعات", "3 hours ago")."""
    locale = babel_locale(language)
    seconds = ((now or timezone.now()) - value).total_seconds()
    if abs(seconds) < MINUTE:
        with translation.override(language or translation.get_language()):
            return translation.gettext("just now")
    if seconds < 0:
        # Only a preview shows a moment still to come; its date says more than "in 3 days".
        return long_date(value, language)
    if locale.language not in AGO:
        return format_timedelta(
            -datetime.timedelta(seconds=seconds), add_direction=True, locale=locale
        )
    # The largest unit that fits; minutes at the smallest.
    unit, size = next((pair for pair in UNITS if seconds / pair[1] >= THRESHOLD), UNITS[-1])
    return ago(max(1, round(seconds / size)), unit, language)


def long_datetime(value, language=None, tzinfo=None):
    """Return the long local date and time ("30 نوفمبر 2026، 1:30:00 ص +0300")."""
    return format_datetime(
        value,
        format="long",
        tzinfo=tzinfo or timezone.get_current_timezone(),
        locale=babel_locale(language),
    )


def short_time(value, language=None, tzinfo=None):
    """Return the local time to the minute ("1:02 AM", "1:02 ص")."""
    return format_time(
        value,
        "short",
        tzinfo=tzinfo or timezone.get_current_timezone(),
        locale=babel_locale(language),
    )


def long_date(value, language=None, tzinfo=None):
    """Return the long local date ("30 نوفمبر 2026", "November 30, 2026")."""
    return format_date(local_date(value, tzinfo), format="long", locale=babel_locale(language))


def local_date(value, tzinfo=None):
    """Return the calendar day a moment falls on in the time zone (the active one by default)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(tzinfo or timezone.get_current_timezone())
        return value.date()
    return value


def hijri_date(value, language=None, tzinfo=None):
    """Return the Umm al-Qura Hijri date of the local day ("19 جمادى الآخرة 1448 هـ").

    Return "" for a day outside the Umm al-Qura tables (August 1924 to November 2077).
    """
    code = babel_locale(language).language
    names = code if code in ("ar", "en") else "en"
    try:
        hijri = Gregorian.fromdate(local_date(value, tzinfo)).to_hijri()
    except (OverflowError, ValueError):
        return ""
    return f"{hijri.day} {hijri.month_name(names)} {hijri.year} {hijri.notation(names)}"


def shape_digits(text, digits):
    """Return text with its Latin digits written in the edition's digits."""
    if digits == Digits.ARABIC_INDIC:
        return str(text).translate(ARABIC_INDIC_DIGITS)
    return text


@functools.cache
def time_zone_names():
    return frozenset(zoneinfo.available_timezones())


def time_zone_choices():
    """Return (name, name) pairs of every IANA time zone, for the editors' drop-down."""
    return [(name, name) for name in sorted(time_zone_names())]


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a known time zone."), code="invalid", params={"value": value}
        )


def zone(name):
    """Return the time zone called name, or the default one when the name is unknown."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)
