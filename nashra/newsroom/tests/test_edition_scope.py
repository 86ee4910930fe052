"""The English desk cannot change the Arabic edition: the cases that once went through."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from nashra.corrections.models import Correction
from nashra.curation.models import BreakingNews
from nashra.home.services import set_edition_settings
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups, section_groups
from nashra.sources.models import Source
from nashra.topics.models import Topic

from .factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ar_article(ar_news, article_factory, ar_home):
    source = Source.objects.create(name="سبأ", locale=ar_home.locale)
    return article_factory(ar_news, "الميناء يفتح", sources=[source])


@pytest.fixture
def en_article(middle_east, article_factory, source):
    return article_factory(middle_east, "Port reopens", sources=[source])


def test_section_editor_cannot_correct_an_article_of_the_other_edition(
    client_for, editor, ar_article, en_article
):
    client = client_for(editor)
    url = "/admin/snippets/corrections/correction/add/"
    data = {"kind": "retraction", "date": "2026-12-01 10:00", "text": "We retract this."}
    client.post(url, dict(data, article=ar_article.pk))
    assert not Correction.objects.filter(article=ar_article).exists()

    response = client.post(url, dict(data, article=en_article.pk))
    assert response.status_code == 302
    assert Correction.objects.filter(article=en_article, kind="retraction").exists()


def test_section_editor_cannot_correct_another_section(
    client_for, editor, culture, article_factory, source
):
    article = article_factory(culture, "Film week", sources=[source])
    client_for(editor).post(
        "/admin/snippets/corrections/correction/add/",
        {"article": article.pk, "kind": "correction", "date": "2026-12-01 10:00", "text": "x"},
    )
    assert not Correction.objects.exists()


def test_english_chief_cannot_put_breaking_news_on_the_arabic_edition(client_for, chief, ar_home):
    client = client_for(chief)
    url = "/admin/snippets/curation/breakingnews/add/"
    now = timezone.now()
    data = {
        "text": "عاجل",
        "url": "https://example.org/",
        "starts_at": now.strftime("%Y-%m-%d %H:%M"),
        "expires_at": (now + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
    }
    ar, en = Locale.objects.get(language_code="ar"), Locale.objects.get(language_code="en")
    page = client.get(url).content.decode()
    assert f'value="{en.pk}"' in page and f'value="{ar.pk}"' not in page
    response = client.post(url, dict(data, locale=ar.pk))
    assert response.status_code == 200  # the form again, with its error
    assert not BreakingNews.objects.exists()

    assert client.post(url, dict(data, text="Breaking", locale=en.pk)).status_code == 302
    assert BreakingNews.objects.get().locale == en


def test_english_chief_cannot_open_the_arabic_edition_settings(client_for, chief, ar_home):
    arabic = set_edition_settings("ar", site_name="شبكة نشرة", about_blurb="…")
    english = set_edition_settings("en", site_name="Nashra", about_blurb="…")
    client = client_for(chief)
    listing = client.get("/admin/snippets/core/editionsettings/").content.decode()
    assert "Nashra" in listing and "شبكة نشرة" not in listing
    edit = "/admin/snippets/core/editionsettings/edit/{}/"
    assert client.get(edit.format(english.pk)).status_code == 200
    assert client.get(edit.format(arabic.pk)).status_code in (302, 403)
    client.post(edit.format(arabic.pk), {"site_name": "Hijacked", "about_blurb": "x"})
    arabic.refresh_from_db()
    assert arabic.site_name == "شبكة نشرة"


def test_english_chief_cannot_rename_or_delete_an_arabic_topic(client_for, chief, ar_home):
    topic = Topic.objects.create(name="العراق", locale=ar_home.locale)
    client = client_for(chief)
    client.post(f"/admin/snippets/topics/topic/edit/{topic.pk}/", {"name": "Renamed", "slug": "x"})
    client.post(f"/admin/snippets/topics/topic/delete/{topic.pk}/")
    client.post(f"/admin/bulk/topics/topic/delete/?id={topic.pk}")
    topic.refresh_from_db()
    assert topic.name == "العراق"


def test_arabic_chief_manages_the_arabic_edition(client_for, ar_home):
    chief_ar = make_member("chief-ar", roles.CHIEF_EDITORS, edition_groups(ar_home))
    topic = Topic.objects.create(name="العراق", locale=ar_home.locale)
    response = client_for(chief_ar).post(
        f"/admin/snippets/topics/topic/edit/{topic.pk}/", {"name": "العراق وإيران", "slug": "iraq"}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.name == "العراق وإيران"


def test_writer_of_one_edition_adds_sources_there_only(client_for, ar_news, en_home):
    writer_ar = make_member("writer-ar", roles.WRITERS, section_groups(ar_news)[0])
    client = client_for(writer_ar)
    url = "/admin/snippets/sources/source/add/?locale={}"
    client.post(url.format("en"), {"name": "Reuters", "kind": "wire"})
    assert not Source.objects.filter(name="Reuters").exists()
    assert client.post(url.format("ar"), {"name": "سبأ", "kind": "wire"}).status_code == 302
    assert Source.objects.get(name="سبأ").locale.language_code == "ar"


def test_snippet_chooser_lists_only_the_users_edition(client_for, writer, ar_home, en_home):
    Topic.objects.create(name="Iraq", locale=en_home.locale)
    arabic = Topic.objects.create(name="العراق", locale=ar_home.locale)
    client = client_for(writer)
    page = client.get("/admin/snippets/choose/topics/topic/?locale=ar").content.decode()
    assert "العراق" not in page
    assert client.get(f"/admin/snippets/choose/topics/topic/chosen/{arabic.pk}/").status_code in (
        302,
        403,
        404,
    )


def test_page_chooser_for_a_correction_shows_only_the_editors_articles(
    client_for, editor, ar_article, en_article
):
    client = client_for(editor)
    form = client.get("/admin/snippets/corrections/correction/add/").content.decode()
    assert "nashra-scope" in form  # the article chooser asks for the scoped listing
    found = client.get(
        "/admin/choose-page/search/",
        {"q": "port", "page_type": "news.articlepage", "user_perms": "nashra-scope"},
    ).content.decode()
    assert "Port reopens" in found
    found = client.get(
        "/admin/choose-page/search/",
        {"q": "الميناء", "page_type": "news.articlepage", "user_perms": "nashra-scope"},
    ).content.decode()
    assert "الميناء يفتح" not in found


def test_writer_cannot_link_a_translation(client_for, writer, en_article, ar_article):
    client = client_for(writer)
    url = f"/admin/translations/link/{en_article.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"original": ar_article.pk})
    en_article.refresh_from_db()
    assert en_article.translation_key != ar_article.translation_key


def test_link_translation_offers_only_live_articles_the_user_may_publish(
    client_for, ar_home, ar_news, middle_east, article_factory, en_article, ar_article
):
    from django.contrib.auth import get_user_model

    embargoed = article_factory(ar_news, "خبر تحت الحظر", publish=False)
    both = make_member(
        "both", roles.EDITORS, section_groups(middle_east)[1], section_groups(ar_news)[1]
    )
    client = client_for(both)
    form = client.get(f"/admin/translations/link/{en_article.pk}/").content.decode()
    assert "الميناء يفتح" in form
    assert "خبر تحت الحظر" not in form
    client.post(f"/admin/translations/link/{en_article.pk}/", {"original": embargoed.pk})
    en_article.refresh_from_db()
    assert en_article.translation_key != embargoed.translation_key

    # An English-only editor may publish the English article but not the Arabic one.
    english_only = get_user_model().objects.get(username="both")
    english_only.groups.remove(section_groups(ar_news)[1])
    assert (
        "الميناء يفتح"
        not in client.get(f"/admin/translations/link/{en_article.pk}/").content.decode()
    )


def test_dashboard_follow_ups_are_the_desks_own(client_for, editor, en_article, ar_article):
    from nashra.corrections.services import add_correction
    from nashra.news.translations import link_translation

    link_translation(ar_article, en_article)
    add_correction(en_article, "correction", "The port reopened on Monday.")
    editor_ar = make_member(
        "editor-ar", roles.EDITORS, section_groups(ar_article.get_parent().specific)[1]
    )
    assert "الميناء يفتح" in client_for(editor_ar).get("/admin/").content.decode()
    assert "الميناء يفتح" not in client_for(editor).get("/admin/").content.decode()


def test_dashboard_overdue_lists_what_the_user_may_publish(
    client_for, editor, culture, middle_east, article_factory, source
):
    late = timezone.now() - datetime.timedelta(hours=1)
    for section, title in ((middle_east, "Late in my desk"), (culture, "Late elsewhere")):
        article = article_factory(section, title, publish=False, sources=[source])
        revision = article.save_revision(approved_go_live_at=late)
        revision.approved_go_live_at = late
        revision.save()
    page = client_for(editor).get("/admin/").content.decode()
    assert "Late in my desk" in page
    assert "Late elsewhere" not in page


def test_base_role_groups_hold_no_pages(ar_article, culture, article_factory, source, ar_home):
    """Wagtail's own "Editors" group comes with page rights on the root; ours must not."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    for name in (roles.WRITERS, roles.EDITORS, roles.CHIEF_EDITORS):
        group = Group.objects.get(name=name)
        assert not GroupPagePermission.objects.filter(group=group).exists(), name


def test_demo_editor_cannot_edit_the_other_edition_or_another_section(
    client_for, ar_article, culture, article_factory, source, middle_east
):
    from nashra.core.permissions import forget_page_grants

    editor = make_member(
        "editor-en", roles.EDITORS, *section_groups(middle_east)[1:]
    )  # the demo's way: the base role group plus the section's group
    elsewhere = article_factory(culture, "Film week", sources=[source])
    for article in (ar_article, elsewhere):
        assert not article.permissions_for_user(editor).can_edit(), article.title
        forget_page_grants(editor)


def test_front_page_slots_offer_only_the_chiefs_edition(client_for, chief, ar_home, en_home):
    from nashra.curation.models import HomeCuration

    en = Locale.objects.get(language_code="en")
    curation = HomeCuration.objects.create(locale=en)
    page = client_for(chief).get(f"/admin/snippets/curation/homecuration/edit/{curation.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    # The top story's chooser and the blank "add a slot" form both ask for the scoped list.
    assert html.count("nashra-scope") >= 2


def test_page_chooser_never_shows_another_desks_draft(client_for, writer, ar_news, ar_article):
    draft = ar_news.add_child(
        instance=type(ar_article)(
            title="خبر تحت الحظر",
            slug="embargoed",
            lead="…",
            live=False,
            embargo_until=timezone.now() + datetime.timedelta(days=1),
        )
    )
    assert not draft.live
    client = client_for(writer)

    def chooser(url, **params):
        response = client.get(url, params)
        if response["Content-Type"].startswith("application/json"):
            return response.json()["html"]
        return response.content.decode()

    for query in ("خبر", "الميناء"):
        assert "خبر تحت الحظر" not in chooser("/admin/choose-page/search/", q=query)
    # Live articles may still be linked from anywhere.
    assert "الميناء يفتح" in chooser("/admin/choose-page/search/", q="الميناء")
    browse = chooser(f"/admin/choose-page/{ar_news.pk}/")
    assert "الميناء يفتح" in browse and "خبر تحت الحظر" not in browse
