"""Fixtures shared by every app's tests: editions, sections and article builders."""

import datetime

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone, translation
from PIL import Image as PILImage

from nashra.home.services import get_or_create_home, get_or_create_section, set_edition_settings


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


def make_image(title="Photo", caption="", credit="", size=(640, 480), color=(180, 90, 40)):
    from io import BytesIO

    from nashra.core.models import NashraImage

    buffer = BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG")
    image = NashraImage(title=title, caption=caption, credit=credit)
    image.file = ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg")
    image.save()
    return image


def make_article(section, title="Article", *, publish=True, published_at=None, **fields):
    from nashra.news.models import ArticlePage

    article = ArticlePage(
        title=title,
        live=False,
        lead=fields.pop("lead", f"The lead of {title}."),
        published_at=published_at or timezone.now() - datetime.timedelta(hours=1),
        **{k: v for k, v in fields.items() if k not in {"topics", "sources", "authors"}},
    )
    section.add_child(instance=article)
    for name in ("topics", "sources", "authors"):
        if name in fields:
            getattr(article, name).set(fields[name])
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article


@pytest.fixture
def image_factory(db):
    return make_image


@pytest.fixture
def article_factory(db):
    return make_article
