"""Every change purges every page it shows on, as a reader of the cached site would notice."""

import datetime

import pytest
from django.utils import timezone

from nashra.caching import purge
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.corrections.models import Correction
from nashra.curation.models import BreakingNews
from nashra.news.models import ArticlePage
from nashra.news.translations import link_translation
from nashra.people.models import Author
from nashra.topics.models import Topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url


def shows(client, url, text):
    response = client.get(url)
    assert response.status_code == 200, url
    return text in response.content.decode()


@pytest.fixture
def tagged(en_home, middle_east, article_factory):
    topic = Topic.objects.create(name="Yemen", locale=en_home.locale)
    author = Author.objects.create(name="Huda Mansour", locale=en_home.locale)
    return article_factory(middle_east, "Talks resume", topics=[topic], authors=[author])


def retitle(article, title):
    page = ArticlePage.objects.get(pk=article.pk)
    page.title = title
    page.save_revision().publish()


def test_an_edit_reaches_the_article_sections_home_topic_author_and_feeds(
    client, commit, tagged, middle_east, news, en_home
):
    urls = [
        tagged.url,
        middle_east.url,
        news.url,
        en_home.url,
        "/en/topics/yemen/",
        "/en/authors/huda-mansour/",
        "/en/feed/",
        "/en/topics/yemen/feed/atom/",
        "/en/authors/huda-mansour/feed/json/",
        middle_east.url + "feed/",
    ]
    warm(client, *urls)
    commit(retitle, tagged, "Talks collapse")
    for url in urls:
        assert shows(client, url, "Talks collapse"), url


def test_every_page_of_a_listing_and_every_search_is_purged(
    client, commit, settings, tagged, middle_east, article_factory
):
    settings.NASHRA_PAGE_SIZE = 1
    older = article_factory(
        middle_east, "Older story", published_at=timezone.now() - datetime.timedelta(days=3)
    )
    second_page = middle_east.url + "?page=2"
    search = "/en/search/?q=talks"
    warm(client, second_page, search)
    commit(retitle, tagged, "Talks collapse")
    assert shows(client, search, "collapse")
    assert client.get(second_page)[CACHE_STATUS_HEADER] == "miss"
    assert older.pk  # the listing's second page now shows a re-rendered copy


def test_unpublishing_removes_the_article_from_cached_listings(
    client, commit, tagged, middle_east, en_home
):
    warm(client, tagged.url, middle_east.url, en_home.url)
    page = ArticlePage.objects.get(pk=tagged.pk)
    commit(page.unpublish)
    assert client.get(tagged.url).status_code == 404
    for url in (middle_east.url, en_home.url):
        assert not shows(client, url, "Talks resume"), url


def test_a_correction_shows_on_the_cached_article(client, commit, tagged):
    warm(client, tagged.url)
    commit(
        Correction.objects.create,
        article=tagged,
        text="An earlier version misnamed the envoy.",
    )
    assert shows(client, tagged.url, "misnamed the envoy")


def test_the_counterpart_in_the_other_edition_is_purged(
    client, commit, tagged, ar_home, article_factory
):
    from nashra.home.services import get_or_create_section

    ar_section = get_or_create_section(ar_home, "news", "أخبار")[0]
    arabic = article_factory(ar_section, "استئناف المحادثات")
    warm(client, arabic.url, tagged.url)
    commit(link_translation, arabic, tagged)
    assert shows(client, arabic.url, tagged.url)
    assert shows(client, tagged.url, arabic.url)
    warm(client, arabic.url)
    commit(retitle, tagged, "Talks collapse")
    assert client.get(arabic.url)[CACHE_STATUS_HEADER] == "miss"


def test_a_breaking_line_purges_the_whole_edition_and_only_it(
    client, commit, tagged, middle_east, en_home, ar_home
):
    warm(client, tagged.url, middle_east.url, en_home.url, ar_home.url)
    commit(
        BreakingNews.objects.create,
        locale=en_home.locale,
        text="Ceasefire announced",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    for url in (tagged.url, middle_east.url, en_home.url):
        assert shows(client, url, "Ceasefire announced"), url
    assert client.get(ar_home.url)[CACHE_STATUS_HEADER] == "hit"


def test_a_scheduled_breaking_line_limits_how_long_pages_are_kept(client, tagged, en_home):
    BreakingNews.objects.create(
        locale=en_home.locale,
        text="Briefing at noon",
        starts_at=timezone.now() + datetime.timedelta(seconds=40),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    cache_control = client.get(tagged.url)["Cache-Control"]
    shared = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 0 < shared <= 41


def test_a_changed_slug_purges_the_old_address(client, commit, tagged):
    old_url = tagged.url
    warm(client, old_url)
    page = ArticlePage.objects.get(pk=tagged.pk)
    page.slug = "talks-resume-in-muscat"
    commit(page.save_revision().publish)
    assert client.get(old_url).get(CACHE_STATUS_HEADER) != "hit"


def test_the_front_proxy_is_purged_only_once_the_change_is_committed(
    tagged, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Before the commit a proxy would fetch the old version again; after it, the new.

    What reaches Varnish is recorded here; test_varnish.py sends it to a real one.
    """
    from nashra.caching.backends import VarnishBackend

    sent = []
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "nashra.caching.backends.VarnishBackend", "LOCATION": "http://v"}
    }
    monkeypatch.setattr(VarnishBackend, "purge_tags", lambda self, tags: sent.append(tags))
    with django_capture_on_commit_callbacks(execute=True):
        retitle(tagged, "Talks collapse")
        assert sent == []
    assert any(f"a:{tagged.pk}" in tag_list for tag_list in sent)


def test_an_article_purge_names_its_pages_as_urls_for_url_only_proxies(tagged, en_home):
    change = purge.for_article(tagged)
    assert f"a:{tagged.pk}" in change.tags
    assert "http://localhost/en/topics/yemen/feed/" in change.urls or any(
        url.endswith("/en/topics/yemen/feed/") for url in change.urls
    )
    assert any(url.endswith(tagged.url) for url in change.urls)


def test_every_page_linking_to_an_article_is_purged_when_it_changes(
    client, commit, tagged, middle_east, article_factory
):
    """Related and most-read links carry the article's tag, wherever they are."""
    from nashra.caching import tags

    neighbour = article_factory(middle_east, "Neighbouring story", topics=list(tagged.topics.all()))
    response = client.get(neighbour.url)
    assert "Talks resume" in response.content.decode()  # a related link to it
    assert tags.article_tag(tagged.pk) in response["xkey"].split()
    commit(retitle, tagged, "Talks collapse")
    assert shows(client, neighbour.url, "Talks collapse")


def test_a_page_made_private_leaves_the_cache(client, commit, tagged):
    from wagtail.models import PageViewRestriction

    warm(client, tagged.url)
    commit(
        PageViewRestriction.objects.create,
        page=tagged,
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert client.get(tagged.url).status_code == 302
