"""The fast path of nashra/news/serving.py answers every URL as Wagtail's own code does.

serving.py routes a path in one query (Wagtail: two a level) and answers "is this page
private?" from the cache; NASHRA_FAST_ROUTING = False hands both back to Wagtail. Each URL of
a tree with both editions is routed three ways (Wagtail's own RoutablePageMixin.route and
Page.route, the fast path, the setting off) and fetched with the setting on and off: the
page, its route, its view restrictions, its breadcrumb, the status and the body must agree.
"""

import re
from types import MethodType
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import Http404
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from nashra.home.models import HomePage
from nashra.home.services import get_or_create_section
from nashra.news.models import ArticlePage, SectionPage
from nashra.pages.models import ContactPage, StandardPage
from nashra.people.models import Author
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db

ARABIC_SECTION = "أخبار"
ARABIC_SLUG = "اتفاق-الميناء"


def clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)


@pytest.fixture
def urls(en_home, ar_home, news, middle_east, article_factory):
    """Build a tree with both editions; return {name: URL} of every case to compare."""
    en, ar = en_home.locale, ar_home.locale
    make_article = article_factory
    story = make_article(middle_east, "Harbour story")
    draft = make_article(middle_east, "Draft story", publish=False)
    sealed = make_article(middle_east, "Sealed story")
    restricted_later = make_article(middle_east, "Restricted later")
    gulf = get_or_create_section(en_home, "news/middle-east/gulf", "Gulf")[0]
    deep = make_article(gulf, "Deep story")
    # A section taken off the site: Wagtail still routes through it to its live articles.
    hidden = get_or_create_section(en_home, "news/hidden", "Hidden")[0]
    below_hidden = make_article(hidden, "Below a hidden section")
    hidden.unpublish()

    # View restrictions: a password on an article, a login on a section and what is below.
    PageViewRestriction.objects.create(
        page=sealed, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    members = get_or_create_section(en_home, "news/members", "Members")[0]
    members_story = make_article(members, "Members story")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)

    news.refresh_from_db()  # treebeard counts the children added since
    # Aliases: of a public article, of the sealed one, of the members' section and its story.
    alias = story.create_alias(parent=news, update_slug="harbour-story-alias")
    sealed_alias = sealed.create_alias(parent=news, update_slug="sealed-story-alias")
    members_alias = members.create_alias(recursive=True, parent=news, update_slug="members-alias")
    members_story_alias = members_alias.get_children().get()
    # An alias made while its original was public: the restriction on the original, added
    # since, is not copied to it, yet Wagtail finds it through alias_of.
    later_alias = restricted_later.create_alias(parent=news, update_slug="restricted-later-alias")
    PageViewRestriction.objects.create(
        page=restricted_later, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    # The Arabic edition: a section and an article with Arabic slugs, and a translation of
    # the English story (Wagtail copies its sections over as aliases of the English ones).
    ar_section = get_or_create_section(ar_home, ARABIC_SECTION, "أخبار")[0]
    arabic = make_article(ar_section, "اتفاق الميناء", slug=ARABIC_SLUG)
    counterpart = publish(story.copy_for_translation(ar, copy_parents=True))
    assert counterpart.get_parent().specific.alias_of_id == middle_east.pk

    # Pages of other kinds: nested standard pages, a page with routes of its own.
    about = add_page(en_home, StandardPage(title="About", slug="about"))
    team = add_page(about, StandardPage(title="Team", slug="team"))
    add_page(en_home, ContactPage(title="Contact", slug="contact"))

    Topic.objects.create(name="Iraq", slug="iraq", locale=en)
    Topic.objects.create(name="العراق", slug="iraq", locale=ar)
    Author.objects.create(name="Huda Mansour", slug="huda-mansour", locale=en)

    arabic_path = f"/ar/{ARABIC_SECTION}/{ARABIC_SLUG}/"
    assert unquote(arabic.url) == arabic_path
    return {
        "en home": "/en/",
        "ar home": "/ar/",
        "section": news.url,
        "nested section": middle_east.url,
        "article": story.url,
        "deep article": deep.url,
        "deep article, no trailing slash": deep.url.rstrip("/"),
        "arabic section": quote(f"/ar/{ARABIC_SECTION}/"),
        "arabic article, percent-encoded": quote(arabic_path),
        "arabic article, raw": arabic_path,
        "translated article": counterpart.url,
        "translated section (alias)": counterpart.get_parent().url,
        "alias": alias.url,
        "alias of a password-restricted article": sealed_alias.url,
        "alias of a login-restricted section": members_alias.url,
        "alias below an alias": members_story_alias.url,
        "alias of an article restricted since": later_alias.url,
        "password-restricted article": sealed.url,
        "login-restricted section": members.url,
        "article below a login-restricted section": members_story.url,
        "unpublished article": f"{middle_east.url}{draft.slug}/",
        "unpublished section": f"{news.url}{hidden.slug}/",
        "article below an unpublished section": f"{news.url}{hidden.slug}/{below_hidden.slug}/",
        "a route of an unpublished section": f"{news.url}{hidden.slug}/feed/",
        "standard page": about.url,
        "nested standard page": team.url,
        "page with routes of its own": "/en/contact/",
        "a route of that page": "/en/contact/thanks/",
        "home route: topic": "/en/topics/iraq/",
        "home route: arabic topic": "/ar/topics/iraq/",
        "home route: unknown topic": "/en/topics/no-such-topic/",
        "home route: topic feed": "/en/topics/iraq/feed/",
        "home route: author": "/en/authors/huda-mansour/",
        "home route: search": "/en/search/",
        "home route: feed": "/en/feed/",
        "home route: arabic feed": "/ar/feed/atom/",
        "section route: feed": f"{middle_east.url}feed/",
        "section route: json feed": f"{news.url}feed/json/",
        "non-existent article": f"{middle_east.url}no-such-story/",
        "non-existent section": "/en/no-such-section/",
        "non-existent arabic page": quote(f"/ar/{ARABIC_SECTION}/لا-يوجد/"),
        "below an article": f"{story.url}deeper/",
        "below a route": f"{news.url}feed/deeper/",
        "a section's path in the other edition": f"/ar/{middle_east.url[4:]}gulf/",
    }


def wagtails_route(home, request, components):
    """Route as Wagtail alone would: HomePage's own route() and serving.py left out."""
    return super(HomePage, home).route(request, components)


def nashras_route(home, request, components):
    return home.route(request, components)


def arg_key(value):
    """A bound view is bound to a new page each time: compare its function and its page."""
    if isinstance(value, MethodType):
        return ("view", value.__func__, type(value.__self__), value.__self__.pk)
    return value


def outcome(route, url, *, fast):
    """Route url with route, the setting fast: return everything the route decides."""
    path = unquote(urlsplit(url).path)
    language, *components = [component for component in path.split("/") if component]
    request = RequestFactory().get(url)
    with override_settings(NASHRA_FAST_ROUTING=fast), translation.override(language):
        # A fresh home, as for each request, found as Wagtail finds it.
        home = HomePage.objects.get(locale=Locale.objects.get(language_code=language))
        try:
            page, args, kwargs = route(home, request, components)
        except Http404:
            return "Http404"
        match = getattr(request, "routable_resolver_match", None)
        parent = page.get_parent()
        result = {
            "page": (page.pk, type(page)),
            "args": [arg_key(arg) for arg in args],
            "kwargs": {name: arg_key(value) for name, value in kwargs.items()},
            "route name": match.url_name if match else None,
            "parent": parent.pk if parent else None,
            "live": page.live,
            "view restrictions": sorted(
                (restriction.pk, restriction.restriction_type)
                for restriction in page.get_view_restrictions()
            ),
            "Wagtail's view restrictions": sorted(
                restriction.pk for restriction in Page.get_view_restrictions(page)
            ),
        }
        if isinstance(page, ArticlePage | SectionPage):
            result["sections"] = [section.pk for section in page.sections]
        return result


def test_routing_agrees_with_wagtails(urls):
    checked = set()
    for name, url in urls.items():
        clear_caches()
        wagtail = outcome(wagtails_route, url, fast=False)
        clear_caches()
        fast = outcome(nashras_route, url, fast=True)
        clear_caches()
        slow = outcome(nashras_route, url, fast=False)
        assert fast == wagtail, name
        assert slow == wagtail, name
        # Restrictions found by either way are the ones Wagtail finds.
        if wagtail != "Http404":
            rows = [pk for pk, _type in wagtail["view restrictions"]]
            assert rows == wagtail["Wagtail's view restrictions"], name
        checked.add((name, wagtail == "Http404"))
    # The tree holds what it was built to: some pages, some restricted, some not found.
    found = {name for name, missing in checked if not missing}
    assert {name for name, missing in checked if missing} >= {
        "unpublished article",
        "unpublished section",
        "a route of an unpublished section",
        "non-existent article",
        "non-existent section",
        "non-existent arabic page",
        "below an article",
        "below a route",
        "a section's path in the other edition",
    }
    assert {"arabic article, raw", "alias below an alias", "home route: topic"} <= found


def test_the_restrictions_the_tree_holds(urls):
    """The cases are what their names say: a guard on the fixture, not on serving.py."""

    def restrictions(name):
        return {
            kind
            for _pk, kind in outcome(nashras_route, urls[name], fast=False)["view restrictions"]
        }

    assert restrictions("password-restricted article") == {PageViewRestriction.PASSWORD}
    assert restrictions("alias of a password-restricted article") == {PageViewRestriction.PASSWORD}
    assert restrictions("article below a login-restricted section") == {PageViewRestriction.LOGIN}
    assert restrictions("alias below an alias") == {PageViewRestriction.LOGIN}
    assert restrictions("alias of an article restricted since") == {PageViewRestriction.PASSWORD}
    assert not PageViewRestriction.objects.filter(page__slug="restricted-later-alias").exists()
    assert restrictions("article") == set()


CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+')


def fetch(url, *, fast):
    """GET url in a fresh client, every cache empty: return what a reader gets."""
    clear_caches()
    with override_settings(NASHRA_FAST_ROUTING=fast):
        response = Client().get(url)
    body = b"".join(response) if response.streaming else response.content
    # A form's CSRF token is new for each request: the one difference allowed.
    body = CSRF_TOKEN.sub(r"\1…", body.decode())
    return response.status_code, response.get("Location"), body


def test_pages_are_served_alike(urls):
    statuses = {}
    for name, url in urls.items():
        fast = fetch(url, fast=True)
        wagtail = fetch(url, fast=False)
        assert fast[:2] == wagtail[:2], name
        assert fast[2] == wagtail[2], name
        statuses[name] = fast[0]
    assert statuses["deep article"] == 200
    assert statuses["arabic article, percent-encoded"] == 200
    assert statuses["arabic article, raw"] == 200
    assert statuses["deep article, no trailing slash"] == 301
    assert statuses["password-restricted article"] == 200  # the password form
    assert statuses["login-restricted section"] == 302
    assert statuses["non-existent article"] == 404
    assert statuses["unpublished article"] == 404


def route_queries(url, *, fast):
    with CaptureQueriesContext(connection) as queries:
        result = outcome(nashras_route, url, fast=fast)
    assert result != "Http404"
    return len(queries)


def test_the_setting_hands_serving_back_to_wagtail(urls):
    """Off, routing walks the tree a level at a time and restrictions are asked each time."""
    route_queries(urls["section"], fast=True)  # warm the cached chrome and restrictions
    article, deep = (route_queries(urls[name], fast=True) for name in ("article", "deep article"))
    slow_article, slow_deep = (
        route_queries(urls[name], fast=False) for name in ("article", "deep article")
    )
    assert deep == article  # the fast path: as many queries whatever the depth
    assert slow_deep > slow_article > article  # Wagtail's: more, and more for each level
    # Found once, a page is remembered at its address: routing it again costs no query.
    assert route_queries(urls["deep article"], fast=True) < deep
