"""The edition: found one way, cached, forgotten when any of it changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nashra.home.editions import Edition
from nashra.home.models import HomePage
from nashra.home.services import get_or_create_section, set_edition_settings
from nashra.news.models import SectionPage

pytestmark = pytest.mark.django_db


def test_each_edition_has_one_home_found_by_its_language(en_home, ar_home):
    assert HomePage.objects.for_language("en") == en_home
    assert HomePage.objects.for_language("ar") == ar_home
    assert HomePage.objects.for_language("fr") is None


def test_a_section_is_found_by_its_path_in_one_query(en_home, ar_home, middle_east):
    get_or_create_section(ar_home, "news", "أخبار")
    with CaptureQueriesContext(connection) as queries:
        found = SectionPage.objects.at_path(en_home, "news/middle-east/")
    assert found == middle_east and len(queries) == 1
    assert SectionPage.objects.at_path(en_home, "news") == middle_east.get_parent()
    assert SectionPage.objects.at_path(ar_home, "news/middle-east") is None
    assert SectionPage.objects.at_path(en_home, "no/such/section") is None


def test_a_section_below_a_missing_one_is_refused(en_home):
    with pytest.raises(SectionPage.DoesNotExist):
        get_or_create_section(en_home, "sport/football", "Football")


def test_the_edition_holds_its_settings_home_and_menu(en_home, news, ar_home):
    edition = Edition.of("en")
    assert edition.language_code == "en" and edition.locale == en_home.locale
    assert edition.home == en_home
    assert edition.settings.site_name == "Nashra Network"
    assert [section.title for section in edition.sections] == ["News"]
    assert Edition.of("fr") is None
    with pytest.raises(AttributeError):
        edition.home = ar_home  # a value: nothing may change what every page shares


def test_the_edition_is_cached_and_forgotten_when_it_changes(en_home, news):
    Edition.of("en")
    with CaptureQueriesContext(connection) as queries:
        Edition.of("en")
    assert len(queries) == 0
    set_edition_settings("en", site_name="Nashra Daily")
    assert Edition.of("en").settings.site_name == "Nashra Daily"
    news.title = "World news"
    news.save_revision().publish()
    assert [section.title for section in Edition.of("en").sections] == ["World news"]
    news.unpublish()
    assert Edition.of("en").sections == ()


def test_every_public_request_knows_its_edition(client, en_home, ar_home):
    response = client.get(ar_home.url)
    assert response.wsgi_request.edition.language_code == "ar"
    assert response.context["edition"].home == ar_home
