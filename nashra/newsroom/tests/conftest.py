import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from nashra.home.services import get_or_create_section
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups, section_groups


def make_member(username, role, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=role), *groups)
    return user


@pytest.fixture
def culture(en_home):
    return get_or_create_section(en_home, "culture", "Culture")[0]


@pytest.fixture
def ar_news(ar_home):
    return get_or_create_section(ar_home, "news", "أخبار")[0]


@pytest.fixture
def source(en_home):
    from nashra.sources.models import Source

    return Source.objects.create(name="Saba", locale=en_home.locale)


@pytest.fixture
def writer(middle_east):
    return make_member("writer", roles.WRITERS, section_groups(middle_east)[0])


@pytest.fixture
def editor(middle_east):
    return make_member("editor", roles.EDITORS, section_groups(middle_east)[1])


@pytest.fixture
def chief(en_home):
    return make_member("chief", roles.CHIEF_EDITORS, edition_groups(en_home))


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def article_data(title, slug, source, **extra):
    return {
        "title": title,
        "slug": slug,
        "type_of_work": "news",
        "lead": f"The lead of {title}.",
        "body-count": "0",
        "sources": [source.pk],
        **extra,
    }
