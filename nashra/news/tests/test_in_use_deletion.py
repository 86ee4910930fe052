"""A topic, source or author that articles use is never deleted silently: refused, or merged."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, ReferenceIndex

from nashra.news.models import ArticlePage
from nashra.news.usage import articles_using, move_articles
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups
from nashra.newsroom.tests.factories import make_member
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db

KINDS = {
    "topic": (Topic, "topics", "wagtailsnippets_topics_topic"),
    "author": (Author, "authors", "wagtailsnippets_people_author"),
    "source": (Source, "sources", "wagtailsnippets_sources_source"),
}


def make(kind, name, locale):
    model = KINDS[kind][0]
    return model.objects.create(name=name, locale=locale)


def save_draft(article, **relations):
    """Save a newer draft of the article whose relations differ from its published version."""
    page = article.get_latest_revision_as_object()
    for name, objects in relations.items():
        getattr(page, name).set(objects)
    return page.save_revision()


def first_saved(draft):
    """Write a never-published draft's rows, as the admin's create view does."""
    draft.save()
    return draft


def revision_ids(article, field):
    article = ArticlePage.objects.get(pk=article.pk)
    return article.latest_revision.content[field]


def row_ids(article, field):
    return set(getattr(ArticlePage.objects.get(pk=article.pk), field).values_list("id", flat=True))


@pytest.fixture
def newsroom(news, article_factory):
    """An object of each kind used by a live article, a live article's newer draft, a first
    draft; spares that nothing uses; a source every article needs."""
    locale = news.locale
    wire = Source.objects.create(name="Wire", locale=locale)
    used = {kind: make(kind, f"Used {kind}", locale) for kind in KINDS}
    spare = {kind: make(kind, f"Spare {kind}", locale) for kind in KINDS}

    def relations(objects):
        fields = {"topics": [], "authors": [], "sources": [wire]}
        for kind, obj in objects.items():
            fields[KINDS[kind][1]].append(obj)
        return fields

    make_article = article_factory
    live = make_article(news, "Port of Aden reopens", **relations(used))
    redrafted = make_article(news, "Talks resume in Muscat", **relations({}))
    save_draft(redrafted, **relations(used))
    first_draft = first_saved(
        make_article(news, "Embargoed budget", publish=False, **relations(used))
    )
    make_article(news, "Unrelated story", **relations({}))
    return {"used": used, "spare": spare, "articles": [live, redrafted, first_draft]}


@pytest.fixture
def chief(en_home):
    return make_member("chief", roles.CHIEF_EDITORS, edition_groups(en_home))


@pytest.fixture(params=["superuser", "chief"])
def admin(request, client, en_home):
    user = request.getfixturevalue("admin_user" if request.param == "superuser" else "chief")
    client.force_login(user)
    return client


def messages_of(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


# The service -------------------------------------------------------------------------------


def test_articles_using_finds_live_articles_drafts_and_scheduled_revisions(news, article_factory):
    make_article = article_factory
    topic = Topic.objects.create(name="Iraq", locale=news.locale)
    live = make_article(news, "On the page", topics=[topic])
    redrafted = make_article(news, "Only in a newer draft")
    save_draft(redrafted, topics=[topic])
    dropped = make_article(news, "Dropped in a draft", topics=[topic])
    save_draft(dropped, topics=[])
    first_draft = first_saved(make_article(news, "Never published", publish=False, topics=[topic]))
    scheduled = make_article(news, "Scheduled")
    page = scheduled.get_latest_revision_as_object()
    page.topics.set([topic])
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()
    save_draft(scheduled, topics=[])  # a newer draft without it: the scheduled one still counts
    make_article(news, "Unrelated")

    uses = {use.article.pk: use for use in articles_using([topic])[topic]}

    assert set(uses) == {live.pk, redrafted.pk, dropped.pk, first_draft.pk, scheduled.pk}
    assert (uses[live.pk].on_page, uses[live.pk].pending) == (True, False)
    assert (uses[redrafted.pk].on_page, uses[redrafted.pk].pending) == (False, True)
    assert (uses[first_draft.pk].on_page, uses[first_draft.pk].pending) == (True, True)
    assert uses[scheduled.pk].pending


def test_articles_using_costs_the_same_for_one_article_or_many(news, article_factory):
    make_article = article_factory
    one, many = (Topic.objects.create(name=name, locale=news.locale) for name in ("One", "Many"))
    make_article(news, "Alone", topics=[one])
    for number in range(6):
        article = make_article(news, f"Story {number}", topics=[many])
        save_draft(article, topics=[many, one])

    counts = []
    for topic in (one, many):
        with CaptureQueriesContext(connection) as queries:
            articles_using([topic])
        counts.append(len(queries))

    assert counts[0] == counts[1] <= 4


def test_moving_articles_moves_rows_and_drafts(news, article_factory):
    make_article = article_factory
    doomed, keep = (
        Topic.objects.create(name=name, locale=news.locale) for name in ("Hodeida", "Hudaydah")
    )
    only_doomed = make_article(news, "Only the old spelling", topics=[doomed])
    both = make_article(news, "Both spellings", topics=[doomed, keep])
    drafted = make_article(news, "Draft with the old spelling")
    save_draft(drafted, topics=[doomed])

    assert move_articles(doomed, keep) == 3

    assert row_ids(only_doomed, "topics") == {keep.pk}
    assert row_ids(both, "topics") == {keep.pk}
    assert revision_ids(drafted, "topics") == [keep.pk]
    assert not articles_using([doomed])[doomed]


# Through the admin ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_deleting_an_object_in_use_is_refused(admin, newsroom, kind):
    obj, field = newsroom["used"][kind], KINDS[kind][1]
    url = reverse(f"{KINDS[kind][2]}:delete", args=[obj.pk])

    page = admin.get(url).content.decode()
    assert "Yes, delete" not in page
    for article in newsroom["articles"]:
        assert article.title in page
        assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in page

    response = admin.post(url)

    assert type(obj).objects.filter(pk=obj.pk).exists()
    live, redrafted, first_draft = newsroom["articles"]
    assert obj.pk in row_ids(live, field)
    assert obj.pk in row_ids(first_draft, field)
    assert obj.pk in revision_ids(redrafted, field)
    message = messages_of(response)
    assert "was not deleted" in message
    assert all(article.title in message for article in newsroom["articles"])


@pytest.mark.parametrize("kind", KINDS)
def test_an_unused_object_is_deleted(admin, newsroom, kind):
    obj = newsroom["spare"][kind]
    url = reverse(f"{KINDS[kind][2]}:delete", args=[obj.pk])
    assert "Yes, delete" in admin.get(url).content.decode()

    admin.post(url)

    assert not type(obj).objects.filter(pk=obj.pk).exists()
    # …while the one in use stays, with its articles.
    admin.post(reverse(f"{KINDS[kind][2]}:delete", args=[newsroom["used"][kind].pk]))
    assert type(obj).objects.filter(pk=newsroom["used"][kind].pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_bulk_delete_is_refused_when_one_is_in_use(admin, newsroom, kind):
    model, field, _namespace = KINDS[kind]
    used, spare = newsroom["used"][kind], newsroom["spare"][kind]
    url = reverse(
        "wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, "delete"]
    )
    both = f"{url}?id={used.pk}&id={spare.pk}"

    page = admin.get(both).content.decode()
    assert all(article.title in page for article in newsroom["articles"])
    assert "Yes, delete" not in page

    response = admin.post(both)

    assert model.objects.filter(pk__in=[used.pk, spare.pk]).count() == 2
    live, redrafted, _first = newsroom["articles"]
    assert used.pk in row_ids(live, field)
    assert used.pk in revision_ids(redrafted, field)
    assert all(article.title in messages_of(response) for article in newsroom["articles"])

    admin.post(f"{url}?id={spare.pk}")
    assert not model.objects.filter(pk=spare.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_usage_counts_every_article_draft_or_live(admin, newsroom, kind):
    obj = newsroom["used"][kind]
    namespace = KINDS[kind][2]

    usage = admin.get(reverse(f"{namespace}:usage", args=[obj.pk])).content.decode()
    confirm = admin.get(reverse(f"{namespace}:delete", args=[obj.pk])).content.decode()

    assert all(article.title in usage for article in newsroom["articles"])
    assert "Unrelated story" not in usage
    assert "referenced 3 times" in confirm
    # Wagtail's own index knows the rows (the live article and the first draft): the count
    # its edit view shows.
    assert ReferenceIndex.get_grouped_references_to(obj).count() == 2


@pytest.mark.parametrize("kind", KINDS)
def test_merge_moves_every_article_then_deletes(admin, newsroom, kind):
    model, field, namespace = KINDS[kind]
    doomed, keep = newsroom["used"][kind], newsroom["spare"][kind]
    url = reverse(f"{namespace}:merge", args=[doomed.pk])
    assert keep.name in admin.get(url).content.decode()

    admin.post(url, {"into": keep.pk})

    assert not model.objects.filter(pk=doomed.pk).exists()
    live, redrafted, first_draft = newsroom["articles"]
    assert keep.pk in row_ids(live, field)
    assert keep.pk in row_ids(first_draft, field)
    assert keep.pk in revision_ids(redrafted, field)
    entry = ModelLogEntry.objects.get(action="nashra.merge")
    assert entry.object_id == str(keep.pk)
    assert entry.data["merged"]["title"] == doomed.name
    assert ReferenceIndex.get_grouped_references_to(keep).count() == 2


def test_merge_keeps_to_one_edition(admin, newsroom, ar_home):
    doomed = newsroom["used"]["topic"]
    other_edition = Topic.objects.create(name="العراق", locale=ar_home.locale)

    response = admin.post(
        reverse("wagtailsnippets_topics_topic:merge", args=[doomed.pk]), {"into": other_edition.pk}
    )

    assert response.status_code == 200  # the form again, with its error
    assert Topic.objects.filter(pk=doomed.pk).exists()
    assert not ModelLogEntry.objects.filter(action="nashra.merge").exists()


def test_an_article_of_another_desk_is_counted_but_not_named(
    client, chief, newsroom, ar_home, article_factory
):
    from nashra.home.services import get_or_create_section

    ar_news = get_or_create_section(ar_home, "news", "أخبار")[0]
    topic = newsroom["used"]["topic"]
    wire = Source.objects.create(name="سبأ", locale=ar_home.locale)
    article_factory(ar_news, "ميزانية تحت الحظر", publish=False, topics=[topic], sources=[wire])
    client.force_login(chief)

    response = client.post(reverse("wagtailsnippets_topics_topic:delete", args=[topic.pk]))

    message = messages_of(response)
    assert "(Private article)" in message
    assert "ميزانية" not in message
    assert "ميزانية" not in client.get(response.url).content.decode()
    assert Topic.objects.filter(pk=topic.pk).exists()
