import pytest

from nashra.corrections.models import CorrectionsPage
from nashra.home.services import get_or_create_section


def add_corrections_page(home, title="Corrections"):
    page = CorrectionsPage(title=title, slug="corrections", intro="What we got wrong.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def corrections_page(en_home):
    return add_corrections_page(en_home)


@pytest.fixture
def ar_news(ar_home):
    return get_or_create_section(ar_home, "news", "أخبار")[0]
