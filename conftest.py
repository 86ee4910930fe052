"""Fixtures shared by every app's tests: editions, sections and article builders.

``two_editions`` is the bilingual site most tests of public pages start from; the
factories (``nashra/<app>/tests/factories.py``) build anything else.
"""

from dataclasses import dataclass

import pytest
from django.utils import translation

from nashra.accounts.tests.factories import prefer_admin_language
from nashra.core.tests.factories import NashraImageFactory
from nashra.home.services import get_or_create_home, get_or_create_section, set_edition_settings
from nashra.news.tests.factories import ArticlePageFactory
from nashra.newsroom import roles
from nashra.newsroom.services import section_groups
from nashra.newsroom.tests.factories import make_member
from nashra.people.tests.factories import AuthorFactory
from nashra.sources.models import Source
from nashra.sources.tests.factories import SourceFactory
from nashra.topics.tests.factories import TopicFactory


@pytest.fixture(autouse=True)
def _reset_language():
    """Leave the active language as we found it, whatever a test activated."""
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    yield


@pytest.fixture
def page_cache(settings):
    """Turn the page cache on (the test settings leave it off so that tests see every change)."""
    settings.NASHRA_PAGE_CACHE = True
    return settings


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and what waits for its commit, as the end of an editor's request would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def arabic_admin(admin_user):
    """The administrator, working in the Arabic admin."""
    return prefer_admin_language(admin_user, "ar")


@pytest.fixture
def en_home(db):
    home, _ = get_or_create_home("en", "Nashra Network")
    set_edition_settings(
        "en",
        site_name="Nashra Network",
        about_blurb="This page is the English version of the Nashra Network website.",
        copyright_holder="Nashra Media Group",
        x_url="https://x.com/nashra",
    )
    return home


@pytest.fixture
def ar_home(en_home):
    home, _ = get_or_create_home("ar", "شبكة نشرة")
    set_edition_settings(
        "ar",
        site_name="شبكة نشرة",
        about_blurb="شبكة نشرة الإخبارية.",
        copyright_holder="مجموعة نشرة",
    )
    return home


@pytest.fixture
def news(en_home):
    return get_or_create_section(en_home, "news", "News")[0]


@pytest.fixture
def middle_east(news, en_home):
    return get_or_create_section(en_home, "news/middle-east", "Middle East")[0]


@pytest.fixture
def writer(middle_east):
    """A writer of News › Middle East: drafts there, publishes nothing."""
    return make_member("writer", roles.WRITERS, section_groups(middle_east)[0])


@pytest.fixture
def editor(middle_east):
    """An editor of News › Middle East: reviews and publishes there."""
    return make_member("editor", roles.EDITORS, section_groups(middle_east)[1])


@pytest.fixture
def ar_news(ar_home, news):
    """The Arabic edition's "أخبار", a translation of the English "News"."""
    return get_or_create_section(ar_home, "news", "أخبار", translation_key=news.translation_key)[0]


@pytest.fixture
def ar_middle_east(ar_news, ar_home, middle_east):
    """The Arabic "الشرق الأوسط" in "أخبار", a translation of the English "Middle East"."""
    return get_or_create_section(
        ar_home, "news/middle-east", "الشرق الأوسط", translation_key=middle_east.translation_key
    )[0]


@dataclass
class EditionFixture:
    """One edition of ``two_editions``: its home, sections, and a topic, author and source."""

    language: str
    home: object
    news: object
    middle_east: object
    topic: object
    author: object
    source: object

    @property
    def locale(self):
        return self.home.locale


@dataclass
class TwoEditions:
    en: EditionFixture
    ar: EditionFixture

    def __getitem__(self, language):
        return {"en": self.en, "ar": self.ar}[language]

    def __iter__(self):
        return iter((self.en, self.ar))


@pytest.fixture
def two_editions(en_home, ar_home, news, middle_east, ar_news, ar_middle_east):
    """Both editions, each with News › Middle East, the topic #Iraq, the author Huda Mansour
    and the source Reuters; the Arabic ones are translations of the English ones. No article:
    each test adds its own (``translated_article`` is a linked pair)."""
    topic = TopicFactory(name="Iraq")
    author = AuthorFactory(name="Huda Mansour", role="Baghdad correspondent")
    source = SourceFactory(
        name="Reuters", url="https://www.reuters.com/", kind=Source.Kind.WIRE_AGENCY
    )
    news.refresh_from_db()  # Middle East was added below it through another instance
    ar_news.refresh_from_db()
    return TwoEditions(
        en=EditionFixture("en", en_home, news, middle_east, topic, author, source),
        ar=EditionFixture(
            "ar",
            ar_home,
            ar_news,
            ar_middle_east,
            TopicFactory(name="العراق", language="ar", translation_of=topic),
            AuthorFactory(name="هدى منصور", language="ar", translation_of=author),
            SourceFactory(
                name="رويترز",
                url=source.url,
                language="ar",
                translation_of=source,
                kind=source.kind,
            ),
        ),
    )


@pytest.fixture
def translated_article(two_editions):
    """An English article in Middle East with the edition's topic, author and source, and its
    Arabic translation (linked) in the Arabic Middle East: (original, translation)."""
    en, ar = two_editions
    original = ArticlePageFactory(
        parent=en.middle_east,
        title="Iraq & Iran agree on border hours",
        topics=[en.topic],
        authors=[en.author],
        sources=[en.source],
    )
    translation = ArticlePageFactory(
        parent=ar.middle_east,
        title="العراق وإيران يتفقان على ساعات المعبر",
        topics=[ar.topic],
        authors=[ar.author],
        sources=[ar.source],
        translation_of=original,
    )
    return original, translation


def make_image(title="Photo", caption="", credit="", size=(640, 480), color=(180, 90, 40)):
    """A JPEG image (NashraImageFactory): ``image_factory("Hero", caption=…, size=…)``."""
    return NashraImageFactory(title=title, caption=caption, credit=credit, size=size, color=color)


def make_article(section, title="Article", *, publish=True, published_at=None, **fields):
    """An article in ``section`` (ArticlePageFactory), published unless ``publish=False``."""
    if published_at is not None:
        fields["published_at"] = published_at
    return ArticlePageFactory(parent=section, title=title, publish=publish, **fields)


@pytest.fixture
def image_factory(db):
    return make_image


@pytest.fixture
def article_factory(db):
    return make_article
