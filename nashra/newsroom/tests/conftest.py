import pytest

from nashra.home.services import get_or_create_section
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups
from nashra.sources.tests.factories import SourceFactory

from .factories import make_member


@pytest.fixture
def culture(en_home):
    return get_or_create_section(en_home, "culture", "Culture")[0]


@pytest.fixture
def source(en_home):
    return SourceFactory(name="Saba")


@pytest.fixture
def chief(en_home):
    return make_member("chief", roles.CHIEF_EDITORS, edition_groups(en_home))


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login
