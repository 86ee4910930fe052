"""The test factories build what the site would: pages in the tree, published, translated."""

import pytest
from django.contrib.auth.models import Group

from nashra.accounts.tests.factories import UserFactory
from nashra.core.tests.factories import NashraImageFactory
from nashra.corrections.tests.factories import CorrectionFactory
from nashra.news.models import ArticlePage
from nashra.news.tests.factories import ArticlePageFactory, SectionPageFactory
from nashra.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_an_article_is_published_in_a_section_with_its_relations(client):
    topic = TopicFactory(name="Iraq")
    article = ArticlePageFactory(topics=[topic], hero_image=NashraImageFactory())
    assert article.live and article.get_parent().slug == "news"
    assert list(ArticlePage.objects.live().filter(topics=topic)) == [article]
    assert client.get(article.url).status_code == 200


def test_a_draft_stays_unpublished_with_its_revision(middle_east):
    draft = ArticlePageFactory(parent=middle_east, draft=True)
    assert not draft.live and draft.latest_revision is not None


def test_pages_added_through_a_stale_parent_find_their_place(en_home):
    section = SectionPageFactory(parent=en_home, title="World")
    stale = type(section).objects.get(pk=section.pk)
    first, second = ArticlePageFactory(parent=section), ArticlePageFactory(parent=stale)
    assert [page.pk for page in section.get_children()] == [first.pk, second.pk]


def test_a_translation_is_linked_to_its_original(two_editions, translated_article):
    original, translation = translated_article
    assert translation.translation_key == original.translation_key
    assert translation.translated_from_id == original.locale_id
    assert translation.locale == two_editions.ar.locale
    assert two_editions.ar.topic.get_translation(two_editions.en.locale) == two_editions.en.topic


def test_a_correction_is_added_as_the_newsroom_adds_one():
    correction = CorrectionFactory()
    assert correction.article.live and correction.revisions.count() == 1


def test_users_get_their_groups_by_name_and_the_superuser_trait(db):
    group = Group.objects.create(name="Desk")
    user = UserFactory(groups=["Desk"], permissions=["wagtailadmin.access_admin"])
    assert list(user.groups.all()) == [group] and user.has_perm("wagtailadmin.access_admin")
    assert user.check_password("correct horse 42") and not user.is_superuser
    assert UserFactory(superuser=True).is_superuser
