"""What generated articles belong to and cite: sections, topics, sources, authors, images."""

import random
import uuid
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage

from nashra.core.models import NashraImage
from nashra.home.models import HomePage
from nashra.home.services import get_or_create_section
from nashra.news.models import SectionPage
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

from .words import PLACES, THEMES

# Translation keys of generated rows are derived from their names under this prefix.
KEY_PREFIX = "urn:nashra:bench:"
MIN_SECTIONS = 6

# Section slug, English title, Arabic title: added to an edition that has too few sections.
EXTRA_SECTIONS = [
    ("news", "News", "أخبار"),
    ("politics", "Politics", "سياسة"),
    ("economy", "Economy", "اقتصاد"),
    ("world", "World", "العالم"),
    ("culture", "Culture", "ثقافة"),
    ("sports", "Sports", "رياضة"),
    ("health", "Health", "صحة"),
]

# English name, Arabic name, kind.
SOURCES = [
    ("Reuters", "رويترز", "wire"), ("Associated Press", "أسوشيتد برس", "wire"),
    ("AFP", "فرانس برس", "wire"), ("Saba News Agency", "وكالة سبأ", "wire"),
    ("Anadolu Agency", "وكالة الأناضول", "wire"), ("Al Jazeera", "الجزيرة", "broadcaster"),
    ("BBC Arabic", "بي بي سي عربي", "broadcaster"), ("Al Arabiya", "العربية", "broadcaster"),
    ("Asharq Al-Awsat", "الشرق الأوسط", "newspaper"), ("Al-Ayyam", "الأيام", "newspaper"),
    ("Al-Thawra", "الثورة", "newspaper"), ("Yemen Monitor", "يمن مونيتور", "partner"),
    ("Iraqi News Agency", "وكالة الأنباء العراقية", "wire"), ("IRNA", "إرنا", "wire"),
    ("UN OCHA", "أوتشا", "official"), ("WHO", "منظمة الصحة العالمية", "official"),
    ("Ministry of Health", "وزارة الصحة", "official"), ("X", "إكس", "social"),
    ("Telegram channels", "قنوات تيليغرام", "social"), ("Nashra staff", "فريق نشرة", "staff"),
]  # fmt: skip

FIRST_NAMES = [
    ("Ahmed", "أحمد"), ("Fatima", "فاطمة"), ("Mohammed", "محمد"), ("Huda", "هدى"),
    ("Ali", "علي"), ("Maryam", "مريم"), ("Omar", "عمر"), ("Layla", "ليلى"), ("Khalid", "خالد"),
    ("Amal", "أمل"),
]  # fmt: skip
LAST_NAMES = [
    ("Al-Hakimi", "الحكيمي"), ("Mansour", "منصور"), ("Al-Sharjabi", "الشرجبي"),
    ("Haddad", "حداد"), ("Al-Iryani", "الإرياني"),
]  # fmt: skip


def ensure_sections(home):
    """Return the edition's live sections, adding standard ones if it has fewer than six."""
    sections = list(SectionPage.objects.descendant_of(home).live().order_by("path"))
    language = home.locale.language_code
    for slug, english, arabic in EXTRA_SECTIONS:
        if len(sections) >= MIN_SECTIONS:
            break
        if any(section.slug == slug and section.depth == home.depth + 1 for section in sections):
            continue
        other_home = HomePage.objects.for_language("en" if language != "en" else "ar")
        counterpart = SectionPage.objects.at_path(other_home, slug) if other_home else None
        section, _ = get_or_create_section(
            home,
            slug,
            arabic if language == "ar" else english,
            translation_key=counterpart.translation_key if counterpart else None,
        )
        sections.append(section)
    return sections


def _get_or_create_translated(model, pairs, locales, lookup, build):
    """Return {language: [rows]} for (english, arabic) pairs, rows of a pair sharing a key.

    Rows already there (matched by lookup) are reused; new ones are created in bulk.
    """
    rows = {language: [] for language in locales}
    existing = {
        (row.locale_id, lookup(row)): row
        for row in model.objects.filter(locale__in=locales.values())
    }
    used_keys = {(row.locale_id, row.translation_key) for row in existing.values()}
    new = []
    for number, pair in enumerate(pairs):
        names = dict(zip(("en", "ar"), pair, strict=False))
        found = {
            language: existing.get((locale.pk, lookup(build(names[language], number, language))))
            for language, locale in locales.items()
            if names.get(language)
        }
        key = next((row.translation_key for row in found.values() if row), None)
        key = key or uuid.uuid5(uuid.NAMESPACE_URL, f"{KEY_PREFIX}{model.__name__}:{pair}")
        for language, row in found.items():
            if row is None:
                row = build(names[language], number, language)
                row.locale = locales[language]
                if (row.locale_id, key) in used_keys:
                    row.translation_key = uuid.uuid4()
                else:
                    row.translation_key = key
                used_keys.add((row.locale_id, row.translation_key))
                existing[(row.locale_id, lookup(row))] = row
                new.append(row)
            rows[language].append(row)
    model.objects.bulk_create(new)
    return rows


def ensure_topics(locales):
    """Return about 200 topics per edition: places, themes and pairs of both."""
    combos = [(place, theme) for place in PLACES[:20] for theme in THEMES]
    random.Random(7).shuffle(combos)  # noqa: S311 - the same topics whatever the seed
    pairs = list(PLACES) + list(THEMES)
    pairs += [(f"{p[0]} {t[0].lower()}", f"{t[1]} {p[1]}") for p, t in combos[:110]]
    # Topics of one edition only: a translation key the other edition does not share.
    pairs += [(f"{p[0]} {t[0].lower()}", None) for p, t in combos[110:135]]
    pairs += [(None, f"{t[1]} {p[1]}") for p, t in combos[135:160]]

    def build(name, number, language):
        return Topic(name=name, slug=slugify(name, allow_unicode=True))

    return _get_or_create_translated(Topic, pairs, locales, lambda row: row.slug, build)


def ensure_sources(locales):
    def build(name, number, language):
        return Source(name=name, kind=SOURCES[number][2])

    pairs = [pair[:2] for pair in SOURCES]
    return _get_or_create_translated(Source, pairs, locales, lambda row: row.name, build)


def ensure_authors(locales):
    pairs = [
        (f"{first[0]} {last[0]}", f"{first[1]} {last[1]}")
        for last in LAST_NAMES
        for first in FIRST_NAMES
    ]
    roles = {"en": "Correspondent", "ar": "مراسل"}

    def build(name, number, language):
        return Author(name=name, slug=slugify(name, allow_unicode=True), role=roles[language])

    return _get_or_create_translated(Author, pairs, locales, lambda row: row.slug, build)


def ensure_images(count=10):
    """Return up to count images to use as heroes: existing ones, else small new ones."""
    images = list(NashraImage.objects.order_by("pk")[:count])
    for number in range(len(images), count):
        buffer = BytesIO()
        color = (40 + 20 * number, 90 + 10 * number, 160 - 12 * number)
        PILImage.new("RGB", (800, 450), color).save(buffer, "JPEG")
        image = NashraImage(
            title=f"Archive photo {number + 1}",
            caption=f"Archive photo {number + 1}",
            credit="Nashra",
        )
        image.file = ImageFile(buffer, name=f"archive-photo-{number + 1}.jpg")
        image.save()
        images.append(image)
    return images
