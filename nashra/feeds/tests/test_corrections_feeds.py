import pytest

from nashra.corrections.services import add_correction
from nashra.corrections.tests.factories import CorrectionsPageFactory

from .readers import read_feed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("feed_format", ["rss", "atom", "json"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_corrections_page_has_rss_atom_and_json_feeds(client, editions, language, feed_format):
    edition = editions[language]
    title = {"en": "Corrections", "ar": "تصحيحات"}[language]
    page = CorrectionsPageFactory(parent=edition.home, title=title)
    correction = add_correction(edition.tagged, "correction", "The port is in Aden.")
    path = page.url + {"rss": "feed/", "atom": "feed/atom/", "json": "feed/json/"}[feed_format]
    feed = read_feed(client, path, feed_format)
    assert feed.title == f"{edition.site_name} – {page.title}"
    assert feed.language == language
    assert feed.link == page.get_full_url()
    assert feed.self_url == "http://localhost" + path
    (entry,) = feed.entries
    assert entry.link == f"{edition.tagged.get_full_url()}#correction-{correction.pk}"
    assert entry.summary == "The port is in Aden."
    assert entry.published == correction.date.replace(microsecond=0)
