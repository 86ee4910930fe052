"""One edition's worth of every kind of public page, for the tests that visit them all.

``build_edition("en")`` (or ``"ar"``) fills the edition whose home already exists with
sections, articles, a live page with its updates, a topic, an author, a corrections page,
About and Contact, and returns the address of one page of each kind. The article carries
what breaks narrow screens: a hero picture, an 8-picture gallery, a quote, a subheading, a
long address (linked and as plain text) and an 80-letter word; an update of the live page
the address and the word.

Only the hero picture (also the front page's lead) is wider than a phone; the others are
small, since the first visit renders every size of every picture and each test pays for it:
the browser tests' database is flushed after each test, and each test builds its edition again.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from nashra.core.models import EditionSettings
from nashra.core.tests.factories import NashraImageFactory, gallery
from nashra.corrections.tests.factories import CorrectionFactory, CorrectionsPageFactory
from nashra.home.models import HomePage
from nashra.home.services import get_or_create_section
from nashra.lite.addresses import lite_url
from nashra.live.tests.factories import LivePageFactory, LiveUpdateFactory
from nashra.news.tests.factories import ArticlePageFactory
from nashra.pages.tests.factories import ContactPageFactory, StandardPageFactory
from nashra.people.tests.factories import AuthorFactory
from nashra.sources.models import Source
from nashra.sources.tests.factories import SourceFactory
from nashra.topics.tests.factories import TopicFactory

from .helpers import COLOURS, GALLERY_SIZE

LONG_URL = (
    "https://www.example.org/archive/2025/11/30/reports/humanitarian-access/"
    "border-crossings-between-iraq-and-iran-reopen-after-months-of-negotiations"
    "?utm_source=nashra&utm_medium=article&utm_campaign=longreads-and-analysis-2025"
)

TEXT = {
    "en": {
        "sections": [
            ("news", "News"),
            ("news/middle-east", "Middle East"),
            ("economy", "Economy"),
        ],
        "title": "Iraq and Iran agree on border crossing hours at Mandali",
        "lead": "Trucks will cross at Mandali from dawn to midnight under the new deal.",
        "paragraph": "The agreement was signed on Sunday by the two interior ministers, "
        "after months of talks over customs fees and the hours of the crossing.",
        "subheading": "What changes for traders",
        "quote": ("This opens the road again for the farmers of Diyala.", "A customs officer"),
        "long_word": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2,  # 90 letters
        "long_text": "The full text of the agreement is at",
        "gallery": "At the crossing",
        "others": [
            "Oil exports through Basra rise for a third month",
            "Baghdad's book market reopens after the rains",
            "Dinar steadies as the central bank sells more dollars",
            "Farmers in Diyala count the cost of the drought",
        ],
        "live": {
            "title": "Ceasefire talks in Cairo: live updates",
            "lead": "Delegations from both sides meet Egyptian and Qatari mediators for a "
            "third day.",
            "key_event": (
                "Second round of talks announced",
                "The mediators said the two delegations would meet again on Thursday.",
            ),
            "quote": ("We are closer than we have ever been.", "An Egyptian official"),
        },
        "topic": "Iraq",
        "author": ("Huda Mansour", "Baghdad correspondent"),
        "source": "Reuters",
        "query": "border",
        "correction": "An earlier version gave the wrong opening hour of the crossing.",
        "corrections": ("Corrections", "corrections"),
        "about": ("About Us", "about-us", "Nashra is an independent news network."),
        "contact": ("Contact Us", "contact-us", "Send the newsroom a tip or a question."),
    },
    "ar": {
        "sections": [
            ("news", "أخبار"),
            ("news/middle-east", "الشرق الأوسط"),
            ("economy", "اقتصاد"),
        ],
        "title": "العراق وإيران يتفقان على ساعات العمل في معبر مندلي الحدودي",
        "lead": "ستعبر الشاحنات من مندلي من الفجر حتى منتصف الليل بموجب الاتفاق الجديد مع UNESCO.",
        "paragraph": "وقّع وزيرا الداخلية الاتفاق يوم الأحد بعد أشهر من المفاوضات "
        "حول رسوم الجمارك وساعات عمل المعبر.",
        "subheading": "ما الذي يتغير للتجار",
        "quote": ("هذا يفتح الطريق من جديد أمام مزارعي ديالى.", "موظف في الجمارك"),
        "long_word": "والاستقلاليةوالديمقراطيةوالمسؤوليةوالبيروقراطيةوالاستراتيجيةوالتكنولوجيا"
        "والمعلوماتية",  # 82 letters, no space
        "long_text": "النص الكامل للاتفاق منشور على",
        "gallery": "عند المعبر",
        "others": [
            "صادرات النفط عبر البصرة ترتفع للشهر الثالث",
            "سوق الكتب في بغداد يفتح أبوابه بعد الأمطار",
            "الدينار يستقر مع زيادة مبيعات البنك المركزي من الدولار",
            "مزارعو ديالى يحصون خسائر الجفاف",
        ],
        "live": {
            "title": "محادثات وقف إطلاق النار في القاهرة: تغطية مباشرة",
            "lead": "وفدا الطرفين يلتقيان الوسيطين المصري والقطري لليوم الثالث.",
            "key_event": (
                "الإعلان عن جولة ثانية من المحادثات",
                "قال الوسطاء إن الوفدين سيلتقيان مجددًا يوم الخميس.",
            ),
            "quote": ("نحن أقرب من أي وقت مضى.", "مسؤول مصري"),
        },
        "topic": "العراق",
        "author": ("هدى منصور", "مراسلة بغداد"),
        "source": "رويترز",
        "query": "المعبر",
        "correction": "ذكرت نسخة سابقة ساعة خاطئة لفتح المعبر.",
        "corrections": ("تصحيحات", "تصحيحات"),
        "about": ("من نحن", "من-نحن", "نشرة شبكة إخبارية مستقلة."),
        "contact": ("اتصل بنا", "اتصل-بنا", "أرسل إلى غرفة الأخبار معلومة أو سؤالًا."),
    },
}


@dataclass
class EditionPages:
    """An edition built by ``build_edition``: the address of each kind of page, in order."""

    language: str
    home: HomePage
    urls: dict = field(default_factory=dict)  # kind of page ("home", "article", …) -> path
    section_titles: list = field(default_factory=list)  # the edition's menu
    blurb: str = ""  # the edition's "about" line

    @property
    def other_language(self):
        return "ar" if self.language == "en" else "en"

    def __iter__(self):
        return iter(self.urls.items())


def image(title, number, size=(480, 320)):
    return NashraImageFactory(
        title=title,
        caption=f"{title} {number}",
        credit=f"Photo: Nashra {number}",
        size=size,
        color=COLOURS[(number - 1) % len(COLOURS)],
    )


def story_body(text, gallery_images=()):
    links = (
        f'<p>{text["long_text"]} <a href="{LONG_URL}">{LONG_URL}</a>, '
        f"{LONG_URL} — {text['long_word']}.</p>"
    )
    quote, attribution = text["quote"]
    return [
        ("paragraph", f"<p>{text['paragraph']}</p>"),
        ("subheading", text["subheading"]),
        ("quote", {"quote": quote, "attribution": attribution}),
        ("paragraph", links),
        *([gallery(gallery_images, title=text["gallery"])] if gallery_images else []),
        ("paragraph", f"<p>{text['paragraph']}</p>"),
    ]


def live_page(parent, text, topic, author, now):
    """A live page on the air with three updates: a key event (also pinned), a quote, and
    the long address and long word that break narrow screens."""
    live = text["live"]
    page = LivePageFactory(
        parent=parent,
        title=live["title"],
        lead=live["lead"],
        topics=[topic],
        authors=[author],
        published_at=now - datetime.timedelta(minutes=90),
    )
    quote, attribution = live["quote"]
    key_title, key_text = live["key_event"]
    links = f'<p>{text["long_text"]} <a href="{LONG_URL}">{LONG_URL}</a> — {text["long_word"]}.</p>'
    for minutes, fields in (
        (25, {"body": [("quote", {"quote": quote, "attribution": attribution})]}),
        (
            10,
            {
                "title": key_title,
                "body": [("paragraph", f"<p>{key_text}</p>")],
                "is_key_event": True,
                "is_pinned": True,
            },
        ),
        (2, {"body": [("paragraph", links)]}),
    ):
        published_at = now - datetime.timedelta(minutes=minutes)
        LiveUpdateFactory(page=page, published_at=published_at, author=author, **fields)
    return page


def build_edition(language, pictures=True):
    """Fill the ``language`` edition (its home must exist) and return its pages' addresses.

    ``pictures=False`` leaves out every picture (hero, teasers, gallery), for the tests that
    look at none: they spare rendering each picture's sizes on their first visit.
    """
    text = TEXT[language]
    home = HomePage.objects.for_language(language)
    sections = {
        path: get_or_create_section(home, path, title)[0] for path, title in text["sections"]
    }
    middle_east, economy = sections["news/middle-east"], sections["economy"]
    topic = TopicFactory(name=text["topic"], language=language)
    author = AuthorFactory(name=text["author"][0], role=text["author"][1], language=language)
    source = SourceFactory(
        name=text["source"],
        url="https://www.reuters.com/",
        kind=Source.Kind.WIRE_AGENCY,
        language=language,
    )
    now = timezone.now()
    for number, title in enumerate(text["others"], start=1):
        ArticlePageFactory(
            parent=economy if number % 2 else middle_east,
            title=title,
            lead=text["lead"],
            hero_image=image("Teaser", number) if pictures else None,
            topics=[topic],
            authors=[author],
            published_at=now - datetime.timedelta(hours=number + 1),
        )
    gallery_images = [image("Gallery", n) for n in range(1, GALLERY_SIZE + 1)] if pictures else []
    article = ArticlePageFactory(
        parent=middle_east,
        title=text["title"],
        lead=text["lead"],
        hero_image=image("Hero", 1, size=(1200, 675)) if pictures else None,
        body=story_body(text, gallery_images),
        topics=[topic],
        authors=[author],
        sources=[source],
        published_at=now - datetime.timedelta(minutes=30),
    )
    live = live_page(middle_east, text, topic, author, now)
    title, slug = text["corrections"]
    corrections = CorrectionsPageFactory(parent=home, title=title, slug=slug, show_in_menus=True)
    CorrectionFactory(article=article, text=text["correction"])
    title, slug, intro = text["about"]
    about = StandardPageFactory(
        parent=home,
        title=title,
        slug=slug,
        intro=intro,
        body=[("paragraph", f"<p>{text['paragraph']}</p>")],
        show_in_menus=True,
    )
    title, slug, intro = text["contact"]
    contact = ContactPageFactory(
        parent=home, title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=True
    )
    since = (now - datetime.timedelta(days=30)).date().isoformat()
    search = (
        f"{home.url}{home.reverse_subpage('search')}?q={text['query']}"
        f"&section={middle_east.pk}&type=news&since={since}&sort=newest"
    )
    return EditionPages(
        language=language,
        home=home,
        urls={
            "home": home.url,
            "section": middle_east.url,
            "article": article.url,
            "live": live.url,
            "topic": home.url + home.reverse_subpage("topic", args=[topic.slug]),
            "author": home.url + home.reverse_subpage("author", args=[author.slug]),
            "search": search,
            "corrections": corrections.url,
            "about": about.url,
            "contact": contact.url,
            "404": f"{home.url}no-such-page/",
            "lite-home": lite_url(home),
            "lite-article": lite_url(article),
        },
        section_titles=[title for path, title in text["sections"] if "/" not in path],
        blurb=EditionSettings.objects.get(locale=home.locale).about_blurb,
    )
